package io.switchboard.reporting.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import io.switchboard.events.AgentStateChanged;

/** One presence change of an agent; it lasts until the agent's next one. */
public record StateChange(String tenantId, String agentId, Instant at, AgentStateChanged.State state, UUID eventId) {

    /** Two changes at the same instant are ordered by event id, so every replay orders them alike. */
    public static final Comparator<StateChange> ORDER = Comparator.comparing(StateChange::at)
            .thenComparing(StateChange::eventId);

    public static StateChange of(AgentStateChanged event) {
        return new StateChange(event.tenantId(), event.agentId(), event.occurredAt(), event.state(), event.eventId());
    }
}
