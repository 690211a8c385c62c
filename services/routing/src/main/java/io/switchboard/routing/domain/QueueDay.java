package io.switchboard.routing.domain;

import java.time.LocalDate;

/** One queue's counts for one day in its tenant's time zone, for the service level of the day. */
public final class QueueDay {

    private LocalDate day;
    private long offered;
    private long answered;
    private long answeredWithinThreshold;
    private long abandoned;

    public QueueDay(LocalDate day, long offered, long answered, long answeredWithinThreshold, long abandoned) {
        this.day = day;
        this.offered = offered;
        this.answered = answered;
        this.answeredWithinThreshold = answeredWithinThreshold;
        this.abandoned = abandoned;
    }

    /** Starts a new day's counts when the date has moved on. */
    QueueDay on(LocalDate today) {
        if (!today.equals(day)) {
            day = today;
            offered = 0;
            answered = 0;
            answeredWithinThreshold = 0;
            abandoned = 0;
        }
        return this;
    }

    void offered() {
        offered++;
    }

    void answered(boolean withinThreshold) {
        answered++;
        if (withinThreshold) {
            answeredWithinThreshold++;
        }
    }

    void abandoned() {
        abandoned++;
    }

    /** Answered within the threshold over answered plus abandoned; null before either happened. */
    public Double serviceLevel() {
        long resolved = answered + abandoned;
        return resolved == 0 ? null : (double) answeredWithinThreshold / resolved;
    }

    public LocalDate day() {
        return day;
    }

    public long offeredCount() {
        return offered;
    }

    public long answeredCount() {
        return answered;
    }

    public long answeredWithinThresholdCount() {
        return answeredWithinThreshold;
    }

    public long abandonedCount() {
        return abandoned;
    }
}
