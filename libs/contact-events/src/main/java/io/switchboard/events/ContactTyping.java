package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone is typing in a conversation: the customer (the agent's inbox shows it) or the agent (the
 * customer's widget shows it). Ephemeral: producers send at most one every few seconds per
 * conversation, nobody stores it, and a consumer that is behind may drop it.
 */
public record ContactTyping(UUID eventId, String tenantId, Instant occurredAt, String contactId, Channel channel, Party party,
        @RequiredWhen("party is AGENT") String agentId) implements ContactEvent {

    public enum Party {
        CUSTOMER, AGENT
    }

    public ContactTyping {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(channel, "channel");
        Require.present(party, "party");
        if (party == Party.AGENT && agentId == null) {
            throw new IllegalArgumentException("an agent's typing names the agent");
        }
    }
}
