package io.switchboard.routing.engine;

import java.time.Instant;
import java.util.Set;

import io.switchboard.routing.engine.model.ContactRequest;

/**
 * What must be persisted of a contact to restore it with {@link RoutingEngine#restoreContact}.
 * {@code request.queueId()} is the queue it is in now (after transfers and overflow).
 */
public record ContactSnapshot(ContactRequest request, Status status, String agentId, String offerId, Instant offerExpires,
        int attempts, Set<String> rejectedBy, Instant queuedAt) {

    public enum Status {
        WAITING, OFFERED, ASSIGNED
    }
}
