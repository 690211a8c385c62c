package io.switchboard.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitersTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theRateLimiterAllowsABurstThenTheSteadyRate() {
        MessageRateLimiter limiter = new MessageRateLimiter(5, 10, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(0)).isTrue();
        }
        assertThat(limiter.tryAcquire(0)).isFalse();
        assertThat(limiter.tryAcquire(SECOND / 5)).as("one token back after 200 ms").isTrue();
        assertThat(limiter.tryAcquire(SECOND / 5)).isFalse();
        assertThat(limiter.tryAcquire(100 * SECOND)).as("never more than the burst").isTrue();
    }

    @Test
    void theConnectionLimiterCountsOpenSocketsPerAddress() {
        IpConnectionLimiter limiter = new IpConnectionLimiter(2);
        assertThat(limiter.tryOpen("10.0.0.1")).isTrue();
        assertThat(limiter.tryOpen("10.0.0.1")).isTrue();
        assertThat(limiter.tryOpen("10.0.0.1")).isFalse();
        assertThat(limiter.tryOpen("10.0.0.2")).isTrue();
        limiter.close("10.0.0.1");
        assertThat(limiter.tryOpen("10.0.0.1")).isTrue();
    }
}
