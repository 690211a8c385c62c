package io.switchboard.routing.engine.model;

import java.time.Duration;
import java.time.Instant;

import io.switchboard.events.Channel;

/**
 * A contact to route. {@code arrivedAt} is when the customer arrived; it is kept through
 * re-queues and transfers so that waiting order and service level stay honest.
 *
 * @param preferredAgentId the customer's last agent, tried first within the queue's window; may be null
 */
public record ContactRequest(String id, String tenant, Channel channel, String queueId, int priority, Instant arrivedAt,
        String preferredAgentId) {

    public static ContactRequest of(String id, String tenant, Channel channel, String queueId, Instant arrivedAt) {
        return new ContactRequest(id, tenant, channel, queueId, 0, arrivedAt, null);
    }

    public Duration waitedAt(Instant now) {
        return Duration.between(arrivedAt, now);
    }
}
