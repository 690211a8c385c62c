package io.switchboard.campaigns.domain;

import java.util.List;

import io.switchboard.dialer.engine.CallOutcome;

/**
 * What the dialler reads for one tick of a campaign.
 *
 * @param freeAgents      routing's latest free agents in the campaign's queue (0 when its figures are stale)
 * @param busyElapsed     seconds since each of the campaign's answered calls was assigned, for those not yet ended
 * @param linesRinging    attempts requested without a result
 * @param answeredToday   CONNECTED + ABANDONED results of the campaign's day
 * @param abandonedToday  ABANDONED results of the campaign's day
 * @param recentOutcomes  the latest results, oldest first, for the answer rate
 * @param handleSeconds   the latest handle times (talk + hold + wrap-up), for the pacer's look-ahead
 */
public record PacingInputs(int freeAgents, List<Double> busyElapsed, int linesRinging, long answeredToday, long abandonedToday,
        List<CallOutcome> recentOutcomes, List<Double> handleSeconds) {

    public PacingInputs {
        busyElapsed = List.copyOf(busyElapsed);
        recentOutcomes = List.copyOf(recentOutcomes);
        handleSeconds = List.copyOf(handleSeconds);
    }
}
