package io.switchboard.service.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The token bucket per key: the burst, the refill, Retry-After, other keys unaffected, bounded state. */
class KeyedRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRequestAfterTheBurstWaitsForTheNextToken() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(2, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("192.0.2.1", 0)).isEmpty();
        }
        assertThat(limiter.acquire("192.0.2.1", 0)).as("1 token at 2/s is half a second away: Retry-After 1").hasValue(1);
        assertThat(limiter.acquire("192.0.2.2", 0)).as("another source has its own bucket").isEmpty();
        assertThat(limiter.acquire("192.0.2.1", SECOND / 2)).as("refilled").isEmpty();
        assertThat(limiter.acquire("192.0.2.1", SECOND / 2)).isPresent();
    }

    @Test
    void retryAfterSaysWhenTheNextTokenComes() {
        KeyedRateLimiter slow = new KeyedRateLimiter(0.2, 1, 10);
        assertThat(slow.acquire("192.0.2.1", 0)).isEmpty();
        assertThat(slow.acquire("192.0.2.1", 0)).isEqualTo(OptionalLong.of(5));
        assertThat(slow.acquire("192.0.2.1", 3 * SECOND)).isEqualTo(OptionalLong.of(2));
    }

    @Test
    void idleSourcesAreForgottenAndTheStateNeverExceedsItsBound() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(10, 20, 1_000);
        for (int i = 0; i < 5_000; i++) {
            limiter.acquire("10.0." + (i / 256) + "." + (i % 256), i);
        }
        assertThat(limiter.tracked()).as("a flood from many addresses holds at most max-sources").isEqualTo(1_000);
        limiter.acquire("192.0.2.9", limiter.idleAfter().toNanos() + 5_000);
        assertThat(limiter.tracked()).as("every source quiet for burst/rate is forgotten").isEqualTo(1);
    }
}
