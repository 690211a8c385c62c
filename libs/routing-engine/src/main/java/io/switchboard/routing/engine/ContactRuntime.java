package io.switchboard.routing.engine;

import java.util.HashSet;
import java.util.Set;

import io.switchboard.routing.engine.model.ContactRequest;

/** A contact's live routing state. */
final class ContactRuntime {

    enum Status {
        WAITING, OFFERED, ASSIGNED
    }

    final String id;
    ContactRequest request;
    final long arrived;
    /** Breaks ties between contacts that arrived in the same millisecond, in arrival order. */
    final long sequence;
    QueueRuntime queue;
    int priority;
    int level;
    long queuedAt;
    Status status = Status.WAITING;
    final Set<String> rejectedBy = new HashSet<>();
    String preferredAgentId;
    long preferredUntil;
    AgentRuntime agent;
    String offerId;
    long offerExpires;
    int attempts;
    /** Started by its agent (an outbound call): stays with them until it ends, even if they sign off. */
    boolean placed;

    ContactRuntime(ContactRequest request, long sequence) {
        this.id = request.id();
        this.request = request;
        this.arrived = request.arrivedAt().toEpochMilli();
        this.sequence = sequence;
    }
}
