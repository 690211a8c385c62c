package io.switchboard.dialer.engine;

/**
 * The live answer rate of a campaign's calls, as a Beta estimate that forgets: every outcome first
 * shrinks the evidence so far by {@code memory}, so a rate that jumps (the evening, a better list) is
 * followed within a few dozen calls, while the prior keeps the first calls of a day from swinging.
 */
public final class AnswerRate {

    private final double memory;
    private double answered;
    private double unanswered;

    /**
     * @param prior       the rate assumed before any outcome
     * @param priorWeight how many calls the prior counts as
     * @param memory      how much of the evidence each new outcome keeps (0.98 ≈ the last 50 calls)
     */
    public AnswerRate(double prior, double priorWeight, double memory) {
        if (prior <= 0 || prior >= 1 || priorWeight <= 0 || memory <= 0 || memory > 1) {
            throw new IllegalArgumentException("prior in (0, 1), weight > 0, memory in (0, 1]");
        }
        this.memory = memory;
        this.answered = prior * priorWeight;
        this.unanswered = (1 - prior) * priorWeight;
    }

    /** A call's outcome: answered by a person, or not (no answer, busy, a machine, a failure). */
    public void record(boolean live) {
        answered = answered * memory + (live ? 1 : 0);
        unanswered = unanswered * memory + (live ? 0 : 1);
    }

    public double estimate() {
        return answered / (answered + unanswered);
    }
}
