package io.switchboard.voice.domain;

/**
 * How a supervisor joined to a call takes part (issue 21). The supervisor always hears caller and
 * agent; who hears the supervisor is the mode's whole difference.
 */
public enum MonitorMode {
    /** Heard by nobody. */
    LISTEN(false, false),
    /** Heard by the agent only (coaching the agent; the caller does not know). */
    WHISPER(false, true),
    /** Heard by caller and agent alike. */
    BARGE(true, true);

    private final boolean callerHearsSupervisor;
    private final boolean agentHearsSupervisor;

    MonitorMode(boolean callerHearsSupervisor, boolean agentHearsSupervisor) {
        this.callerHearsSupervisor = callerHearsSupervisor;
        this.agentHearsSupervisor = agentHearsSupervisor;
    }

    public boolean callerHearsSupervisor() {
        return callerHearsSupervisor;
    }

    public boolean agentHearsSupervisor() {
        return agentHearsSupervisor;
    }
}
