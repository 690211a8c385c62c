package io.switchboard.reporting.domain;

/**
 * An agent's time in one interval, in milliseconds, from their state segments cut at the interval's
 * boundaries and the time they had a contact in hand or in wrap-up ({@code busy}).
 *
 * @param loggedIn      any state but OFFLINE
 * @param available     in the AVAILABLE state
 * @param busy          handling at least one contact (assigned to its end) or wrapping one up, while logged in
 * @param availableIdle AVAILABLE and not busy
 */
public record AgentTimeFigures(long loggedIn, long available, long busy, long availableIdle) {

    public static final AgentTimeFigures ZERO = new AgentTimeFigures(0, 0, 0, 0);

    public AgentTimeFigures plus(AgentTimeFigures o) {
        return new AgentTimeFigures(loggedIn + o.loggedIn, available + o.available, busy + o.busy, availableIdle + o.availableIdle);
    }

    /** The difference of two rows: what turns {@code o} into this one when added to it. */
    public AgentTimeFigures minus(AgentTimeFigures o) {
        return new AgentTimeFigures(loggedIn - o.loggedIn, available - o.available, busy - o.busy, availableIdle - o.availableIdle);
    }

    public boolean isZero() {
        return loggedIn == 0 && available == 0 && busy == 0 && availableIdle == 0;
    }
}
