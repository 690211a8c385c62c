package io.switchboard.reporting.domain;

/**
 * The rates and averages a report shows, derived from the sums of any number of intervals; null where
 * the divisor is zero. Seconds and shares (0..1), not percentages; {@code avgSurveyScore} is on the survey's 1..5 scale.
 */
public record Kpis(Double serviceLevel, Double abandonRate, Double asaSeconds, Double ahtSeconds, Double avgTalkSeconds,
        Double avgHoldSeconds, Double avgWrapSeconds, Double fcrRate, Double csat, Double avgSurveyScore, Double occupancy,
        Double utilisation) {

    public static Kpis of(Figures f, AgentTimeFigures t) {
        return new Kpis(
                ratio(f.answeredInThreshold(), f.answered() + f.abandoned()),
                ratio(f.abandoned(), f.offered() - f.shortAbandoned()),
                seconds(f.answerWaitMs(), f.answered()),
                seconds(f.talkMs() + f.holdMs() + f.wrapMs(), f.handled()),
                seconds(f.talkMs(), f.handled()),
                seconds(f.holdMs(), f.handled()),
                seconds(f.wrapMs(), f.handled()),
                ratio(f.fcrResolved(), f.fcrContacts()),
                ratio(f.csatSatisfied(), f.surveys()),
                ratio(f.csatScoreSum(), f.surveys()),
                t == null ? null : ratio(t.busy(), t.busy() + t.availableIdle()),
                t == null ? null : ratio(t.busy(), t.loggedIn()));
    }

    static Double ratio(long part, long whole) {
        return whole <= 0 ? null : (double) part / whole;
    }

    static Double seconds(long ms, long count) {
        return count <= 0 ? null : ms / 1000.0 / count;
    }
}
