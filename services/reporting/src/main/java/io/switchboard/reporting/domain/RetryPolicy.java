package io.switchboard.reporting.domain;

import java.time.Duration;

/** How often and how soon a delivery that failed for now is tried again: doubling waits, capped, a bounded number of attempts. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
    }

    /** The wait after the {@code attempt}th failed attempt (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
