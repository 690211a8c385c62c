package io.switchboard.dialer.sim;

import io.switchboard.dialer.engine.PacingSettings;

/**
 * A synthetic campaign day.
 *
 * @param agents           agents logged in all day
 * @param hours            length of the day
 * @param answerRate       share of calls a person answers
 * @param answerRateLater  the share after {@code changeAtHour} (the same for a steady day)
 * @param changeAtHour     when the answer rate changes
 * @param ahtSeconds       mean handle time (talk and wrap-up), lognormal
 * @param handleCv         its coefficient of variation
 * @param ringMinSeconds   an answered call rings between these two
 * @param ringMaxSeconds
 * @param noAnswerSeconds  when an unanswered call is given up
 * @param graceSeconds     how long an answered call may wait for an agent before it counts as abandoned
 *                         (the recorded message plays); the TSR allows 2 s
 * @param pacing           the campaign's pacing settings
 * @param seed             the random seed (the same seed, the same day)
 */
public record DayScenario(int agents, double hours, double answerRate, double answerRateLater, double changeAtHour, double ahtSeconds,
        double handleCv, double ringMinSeconds, double ringMaxSeconds, double noAnswerSeconds, double graceSeconds,
        PacingSettings pacing, long seed) {

    public static DayScenario steady(int agents, double hours, double answerRate, double ahtSeconds, PacingSettings pacing, long seed) {
        return new DayScenario(agents, hours, answerRate, answerRate, hours, ahtSeconds, 0.8, 4, 20, 25, 2, pacing, seed);
    }

    public DayScenario withAnswerRateChange(double later, double atHour) {
        return new DayScenario(agents, hours, answerRate, later, atHour, ahtSeconds, handleCv, ringMinSeconds, ringMaxSeconds,
                noAnswerSeconds, graceSeconds, pacing, seed);
    }

    public double answerRateAt(double seconds) {
        return seconds < changeAtHour * 3600 ? answerRate : answerRateLater;
    }
}
