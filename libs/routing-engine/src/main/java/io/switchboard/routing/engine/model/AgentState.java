package io.switchboard.routing.engine.model;

/** Presence. Only AVAILABLE agents receive offers; WRAP_UP ends by itself at its end time. */
public enum AgentState {
    OFFLINE, AVAILABLE, AWAY, WRAP_UP
}
