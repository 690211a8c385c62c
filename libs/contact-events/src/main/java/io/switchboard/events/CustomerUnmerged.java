package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** A merge was undone: {@code restoredCustomerId} exists again with its own identities and history. */
public record CustomerUnmerged(UUID eventId, String tenantId, Instant occurredAt, String customerId,
        String restoredCustomerId, String actor, String reason) implements CustomerEvent {

    public CustomerUnmerged {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(customerId, "customerId");
        Require.present(restoredCustomerId, "restoredCustomerId");
    }
}
