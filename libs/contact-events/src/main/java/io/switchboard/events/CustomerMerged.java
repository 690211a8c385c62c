package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** {@code mergedCustomerId} was folded into {@code customerId}, automatically or by a person. */
public record CustomerMerged(UUID eventId, String tenantId, Instant occurredAt, String customerId,
        String mergedCustomerId, boolean automatic, String actor, String reason) implements CustomerEvent {

    public CustomerMerged {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(customerId, "customerId");
        Require.present(mergedCustomerId, "mergedCustomerId");
    }
}
