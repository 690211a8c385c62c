package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** The contact moved to another queue or to a named agent; exactly one target is set. */
public record ContactTransferred(UUID eventId, String tenantId, Instant occurredAt, String contactId,
        String fromQueueId, @RequiredWhen("toAgentId is absent (exactly one of the two)") String toQueueId,
        @RequiredWhen("toQueueId is absent (exactly one of the two)") String toAgentId, String byAgentId, String reason) implements ContactEvent {

    public ContactTransferred {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        if ((toQueueId == null) == (toAgentId == null)) {
            throw new IllegalArgumentException("a transfer goes to exactly one of toQueueId or toAgentId");
        }
    }
}
