package io.switchboard.campaigns.domain;

/**
 * A campaign's live progress. Results count attempts; {@code remaining} counts records not done; the day is the
 * campaign's (the tenant's time zone).
 */
public record Progress(long records, long remaining, long dialled, long connected, long abandoned, long machine, long busy,
        long noAnswer, long failed, long inFlight, long answeredToday, long abandonedToday) {

    /** ABANDONED ÷ (CONNECTED + ABANDONED) today, or null before the first live answer. */
    public Double abandonRateToday() {
        return answeredToday == 0 ? null : (double) abandonedToday / answeredToday;
    }
}
