package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.util.function.Function;

import io.switchboard.events.OptOutChanged;

/** Where results, answered calls, wrap-ups, routing's queue figures and consent land (port). */
public interface ResultStore {

    <R> R inTransaction(Function<ResultSession, R> work);

    /** The campaign contact was assigned to an agent (first assignment only). */
    void assigned(String contactId, String agentId, Instant at);

    /** The campaign contact ended (first end only). */
    void ended(String contactId, Instant at, Long talkSeconds, Long holdSeconds);

    /** Routing's free agents in a queue, unless a later figure is already kept. */
    void queueFigures(String tenantId, String queueId, int agentsAvailable, Instant reportedAt);

    /** The consent topic's word for an address, per kind of source, unless a later word is already kept. */
    void consent(OptOutChanged change);
}
