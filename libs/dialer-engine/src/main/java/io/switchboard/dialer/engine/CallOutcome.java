package io.switchboard.dialer.engine;

/** How a placed call ended, as the carrier, the gateway or the agent reported it. */
public enum CallOutcome {
    /** A person answered and an agent took the call. */
    CONNECTED,
    /** A person answered and no agent was free: the recorded message played. */
    ABANDONED,
    NO_ANSWER,
    BUSY,
    /** An answering machine (the carrier's or gateway's detection, or the agent's mark). */
    MACHINE,
    /** The number does not exist or the call could not be placed. */
    FAILED
}
