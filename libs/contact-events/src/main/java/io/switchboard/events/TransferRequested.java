package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent asks routing to move a contact they hold to another queue or to a named agent; exactly
 * one target is set. Routing answers with {@code contact.transferred}, or {@code contact.rejected}
 * (reason {@code TRANSFER_REFUSED}) when the target is unknown or serves another tenant.
 */
public record TransferRequested(UUID eventId, String tenantId, Instant occurredAt, String agentId, String contactId,
        @RequiredWhen("toAgentId is absent (exactly one of the two)") String toQueueId,
        @RequiredWhen("toQueueId is absent (exactly one of the two)") String toAgentId, String note) implements AgentEvent {

    public TransferRequested {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(agentId, "agentId");
        Require.present(contactId, "contactId");
        if ((toQueueId == null) == (toAgentId == null)) {
            throw new IllegalArgumentException("a transfer goes to exactly one of toQueueId or toAgentId");
        }
    }
}
