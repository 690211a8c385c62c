package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** The contact left the queue without reaching an agent. */
public record ContactAbandoned(UUID eventId, String tenantId, Instant occurredAt, String contactId, String queueId,
        long waitedSeconds, Reason reason) implements ContactEvent {

    public enum Reason {
        CUSTOMER_LEFT, MAX_WAIT_EXCEEDED, NO_ELIGIBLE_QUEUE
    }

    public ContactAbandoned {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(reason, "reason");
        if (waitedSeconds < 0) {
            throw new IllegalArgumentException("waitedSeconds must not be negative");
        }
    }
}
