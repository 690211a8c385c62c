package io.switchboard.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitersTest {

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
