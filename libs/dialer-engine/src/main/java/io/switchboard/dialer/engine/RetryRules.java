package io.switchboard.dialer.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * When a number is tried again after an outcome: how many attempts an outcome allows in all and how
 * long to wait before the next, with a ceiling of attempts per number per day whatever the outcome.
 * A connected call, or one that failed for good, is never retried; an abandoned call is retried at
 * once (the customer was reached but not served) within the same limits.
 */
public record RetryRules(Map<CallOutcome, Rule> rules, int maxAttemptsPerDay) {

    /** Up to {@code attempts} calls in all for this outcome, {@code after} apart. */
    public record Rule(int attempts, Duration after) {
        public Rule {
            if (attempts < 1 || after.isNegative()) {
                throw new IllegalArgumentException("a retry rule has at least one attempt and a delay ≥ 0");
            }
        }
    }

    public static final RetryRules DEFAULT = new RetryRules(Map.of(
            CallOutcome.BUSY, new Rule(3, Duration.ofMinutes(10)),
            CallOutcome.NO_ANSWER, new Rule(3, Duration.ofHours(2)),
            CallOutcome.MACHINE, new Rule(2, Duration.ofHours(4)),
            CallOutcome.ABANDONED, new Rule(3, Duration.ofMinutes(15))), 3);

    public RetryRules {
        rules = Map.copyOf(rules);
        if (maxAttemptsPerDay < 1) {
            throw new IllegalArgumentException("at least one attempt a day");
        }
    }

    /**
     * The delay before the next attempt, or empty when the record is done.
     *
     * @param attempts      attempts made so far on this record, including the one that just ended
     * @param attemptsToday of those, the ones made today (in the campaign's day)
     */
    public Optional<Duration> next(CallOutcome outcome, int attempts, int attemptsToday) {
        Rule rule = rules.get(outcome);
        if (rule == null || attempts >= rule.attempts()) {
            return Optional.empty();
        }
        if (attemptsToday >= maxAttemptsPerDay) {
            // Tomorrow, then: the caller schedules it for the next day's window.
            return Optional.of(Duration.ofDays(1));
        }
        return Optional.of(rule.after());
    }
}
