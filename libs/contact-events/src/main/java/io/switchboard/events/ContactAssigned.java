package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** The agent accepted the offer: the contact is theirs until it ends or is transferred. */
public record ContactAssigned(UUID eventId, String tenantId, Instant occurredAt, String contactId, Channel channel,
        String queueId, String agentId, String offerId) implements ContactEvent {

    public ContactAssigned {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(channel, "channel");
        Require.present(queueId, "queueId");
        Require.present(agentId, "agentId");
    }
}
