package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/** An agent's presence changed, by their own action, a supervisor's, or routing (missed offers). */
public record AgentStateChanged(UUID eventId, String tenantId, Instant occurredAt, String agentId, State state,
        String reason, @RequiredWhen("state is WRAP_UP") Instant wrapUpEndsAt) implements AgentEvent {

    public enum State {
        OFFLINE, AVAILABLE, AWAY, WRAP_UP
    }

    public AgentStateChanged {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(agentId, "agentId");
        Require.present(state, "state");
        if (state == State.WRAP_UP && wrapUpEndsAt == null) {
            throw new IllegalArgumentException("wrap-up needs wrapUpEndsAt");
        }
    }
}
