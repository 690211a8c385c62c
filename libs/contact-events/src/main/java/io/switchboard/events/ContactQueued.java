package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** Routing put the contact in a queue; {@code arrivedAt} is the original arrival, kept across transfers. */
public record ContactQueued(UUID eventId, String tenantId, Instant occurredAt, String contactId, Channel channel,
        String queueId, int priority, Instant arrivedAt) implements ContactEvent {

    public ContactQueued {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(channel, "channel");
        Require.present(queueId, "queueId");
        Require.present(arrivedAt, "arrivedAt");
    }
}
