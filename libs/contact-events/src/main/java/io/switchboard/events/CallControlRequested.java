package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A command to the voice gateway from the agent holding a call: put the caller on hold (they hear
 * hold audio, the agent hears nothing) or take them off it. On the voice outbound topic, keyed by
 * the contact id; the gateway instance that holds the call acts on it.
 */
public record CallControlRequested(UUID eventId, String tenantId, Instant occurredAt, String contactId, String agentId,
        Action action) implements ContactEvent {

    public enum Action {
        HOLD, RESUME
    }

    public CallControlRequested {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(agentId, "agentId");
        Require.present(action, "action");
    }
}
