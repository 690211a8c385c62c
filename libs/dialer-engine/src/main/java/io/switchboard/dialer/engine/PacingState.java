package io.switchboard.dialer.engine;

import java.util.List;

/**
 * What the pacer sees at one moment of a campaign.
 *
 * @param freeAgents        agents logged in to the campaign and waiting for a call
 * @param busyElapsed       for each agent on a call (or in its wrap-up), the seconds since it started
 * @param linesRinging      calls placed and not yet answered or failed
 * @param records           records that may be called now (in their window, not on a list, attempts left)
 * @param answeredToday     live-answered calls of the campaign's day so far
 * @param abandonedToday    of those, the calls that found no agent
 */
public record PacingState(int freeAgents, List<Double> busyElapsed, int linesRinging, int records, long answeredToday,
        long abandonedToday) {

    public PacingState {
        if (freeAgents < 0 || linesRinging < 0 || records < 0 || answeredToday < 0 || abandonedToday < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        busyElapsed = List.copyOf(busyElapsed);
    }

    public double abandonRate() {
        return answeredToday == 0 ? 0 : (double) abandonedToday / answeredToday;
    }
}
