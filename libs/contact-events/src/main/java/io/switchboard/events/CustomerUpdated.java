package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.switchboard.events.address.Address;

/**
 * The current snapshot of a customer (compacted: the latest per customer id is the truth). An erased
 * customer is published once with {@code erased} true and no personal data.
 */
public record CustomerUpdated(UUID eventId, String tenantId, Instant occurredAt, String customerId,
        String displayName, String language, boolean vip, String notes, List<Address> identities, boolean erased)
        implements CustomerEvent {

    public CustomerUpdated {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(customerId, "customerId");
        identities = Require.list(identities);
    }
}
