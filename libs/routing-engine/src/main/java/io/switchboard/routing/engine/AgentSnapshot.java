package io.switchboard.routing.engine;

import java.time.Instant;

import io.switchboard.routing.engine.model.AgentState;

/** What must be persisted of an agent to restore it with {@link RoutingEngine#restoreAgent}. */
public record AgentSnapshot(String agentId, AgentState state, Instant idleSince, Instant wrapUpEnds, int missedOffers,
        int activeContacts) {
}
