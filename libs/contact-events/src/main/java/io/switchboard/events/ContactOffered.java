package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** Routing offered the contact to an agent, who must accept before {@code expiresAt}. */
public record ContactOffered(UUID eventId, String tenantId, Instant occurredAt, String contactId, Channel channel,
        String queueId, String agentId, String offerId, Instant expiresAt) implements ContactEvent {

    public ContactOffered {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(channel, "channel");
        Require.present(queueId, "queueId");
        Require.present(agentId, "agentId");
        Require.present(offerId, "offerId");
        Require.present(expiresAt, "expiresAt");
    }
}
