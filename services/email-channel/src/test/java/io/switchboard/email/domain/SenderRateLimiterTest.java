package io.switchboard.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SenderRateLimiterTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void allowsTheLimitPerSenderPerMinuteThenRefusesUntilTheNextMinute() {
        MutableClock clock = new MutableClock(START);
        SenderRateLimiter limiter = new SenderRateLimiter(3, clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("Jane@Example.com")).isTrue();
        }
        assertThat(limiter.tryAcquire("jane@example.com")).as("case does not make a new sender").isFalse();
        assertThat(limiter.tryAcquire("other@example.com")).isTrue();

        clock.now = START.plus(Duration.ofSeconds(60));
        assertThat(limiter.tryAcquire("jane@example.com")).isTrue();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
