package io.switchboard.reporting.domain;

/**
 * Sums and counts of one row (never averages, so that intervals add up to days, weeks and months
 * exactly); {@link Kpis} derives the rates and averages. Durations are in milliseconds.
 *
 * @param offered              legs queued (the contact offered to the queue)
 * @param answered             legs assigned to an agent
 * @param abandoned            legs abandoned after waiting at least {@link FigureCalculator#SHORT_ABANDON_SECONDS}
 * @param shortAbandoned       legs abandoned sooner
 * @param answeredInThreshold  answered legs whose wait was within the queue's service-level threshold
 * @param answerWaitMs         the waits of the answered legs (queued to assigned), for ASA
 * @param handled              answered legs whose end is known (their talk, hold and wrap-up are in)
 * @param fcrContacts          contacts ended by this leg whose first-contact resolution is counted
 * @param fcrResolved          of those, the ones whose customer did not come back within 24 h
 * @param surveys              contacts ended by this leg whose customer answered the satisfaction survey
 * @param csatSatisfied        of those, the answers scoring {@link FigureCalculator#SATISFIED_SCORE} or more
 * @param csatScoreSum         the scores of those answers
 */
public record Figures(long offered, long answered, long abandoned, long shortAbandoned, long answeredInThreshold,
        long answerWaitMs, long handled, long talkMs, long holdMs, long wrapMs, long transfers, long overflows,
        long fcrContacts, long fcrResolved, long surveys, long csatSatisfied, long csatScoreSum) {

    public static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Figures plus(Figures o) {
        return new Figures(offered + o.offered, answered + o.answered, abandoned + o.abandoned,
                shortAbandoned + o.shortAbandoned, answeredInThreshold + o.answeredInThreshold, answerWaitMs + o.answerWaitMs,
                handled + o.handled, talkMs + o.talkMs, holdMs + o.holdMs, wrapMs + o.wrapMs, transfers + o.transfers,
                overflows + o.overflows, fcrContacts + o.fcrContacts, fcrResolved + o.fcrResolved,
                surveys + o.surveys, csatSatisfied + o.csatSatisfied, csatScoreSum + o.csatScoreSum);
    }

    /** The difference of two rows: what turns {@code o} into this one when added to it. */
    public Figures minus(Figures o) {
        return new Figures(offered - o.offered, answered - o.answered, abandoned - o.abandoned,
                shortAbandoned - o.shortAbandoned, answeredInThreshold - o.answeredInThreshold, answerWaitMs - o.answerWaitMs,
                handled - o.handled, talkMs - o.talkMs, holdMs - o.holdMs, wrapMs - o.wrapMs, transfers - o.transfers,
                overflows - o.overflows, fcrContacts - o.fcrContacts, fcrResolved - o.fcrResolved,
                surveys - o.surveys, csatSatisfied - o.csatSatisfied, csatScoreSum - o.csatScoreSum);
    }

    public boolean isZero() {
        return equals(ZERO);
    }
}
