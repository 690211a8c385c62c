package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent finished the after-contact work of a contact, sent by the agent desktop: the outcome
 * ({@code dispositionCode}, one of the queue's dispositions, or null where the queue has none) and
 * the agent's notes. Routing ends the agent's wrap-up time early; reporting counts the outcomes.
 */
public record WrapUpCompleted(UUID eventId, String tenantId, Instant occurredAt, String agentId, String contactId,
        String queueId, String dispositionCode, String notes) implements AgentEvent {

    public WrapUpCompleted {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(agentId, "agentId");
        Require.present(contactId, "contactId");
        dispositionCode = dispositionCode == null || dispositionCode.isBlank() ? null : dispositionCode;
        notes = notes == null || notes.isBlank() ? null : notes;
    }
}
