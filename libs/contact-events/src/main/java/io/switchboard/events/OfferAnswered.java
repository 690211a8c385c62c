package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** An agent's answer to an offer, sent by the agent desktop; routing assigns or re-offers. */
public record OfferAnswered(UUID eventId, String tenantId, Instant occurredAt, String agentId, String contactId,
        String offerId, Answer answer) implements AgentEvent {

    public enum Answer {
        ACCEPTED, DECLINED
    }

    public OfferAnswered {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(agentId, "agentId");
        Require.present(contactId, "contactId");
        Require.present(offerId, "offerId");
        Require.present(answer, "answer");
    }
}
