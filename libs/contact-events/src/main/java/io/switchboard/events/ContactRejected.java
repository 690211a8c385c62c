package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An offer did not turn into an assignment: the agent declined it, let it time out, or it was
 * withdrawn (the agent went away, the customer left); the contact goes back to its queue position.
 * Or an answer was refused because the offer had expired or belongs to someone else, or a transfer
 * request was refused (nothing changes).
 */
public record ContactRejected(UUID eventId, String tenantId, Instant occurredAt, String contactId, String queueId,
        String agentId, String offerId, Reason reason) implements ContactEvent {

    public enum Reason {
        DECLINED, TIMED_OUT, WITHDRAWN, OFFER_EXPIRED, NOT_YOUR_OFFER, UNKNOWN_OFFER, TRANSFER_REFUSED
    }

    public ContactRejected {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(agentId, "agentId");
        Require.present(reason, "reason");
    }
}
