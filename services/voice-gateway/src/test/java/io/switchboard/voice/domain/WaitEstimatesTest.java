package io.switchboard.voice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WaitEstimatesTest {

    private final WaitEstimates estimates = new WaitEstimates();

    @Test
    void unknownUntilTheQueuesFirstAnsweredCall() {
        assertThat(estimates.expected("acme", "billing")).isEmpty();
        estimates.answered("acme", "billing", Duration.ofSeconds(100));
        assertThat(estimates.expected("acme", "billing")).contains(Duration.ofSeconds(100));
        assertThat(estimates.expected("acme", "loans")).isEmpty();
        assertThat(estimates.expected("globex", "billing")).as("per tenant").isEmpty();
    }

    @Test
    void recentAnswersMoveTheAverageAFifthOfTheWayEach() {
        estimates.answered("acme", "billing", Duration.ofSeconds(100));
        estimates.answered("acme", "billing", Duration.ofSeconds(200));
        assertThat(estimates.expected("acme", "billing")).contains(Duration.ofSeconds(120));
        for (int i = 0; i < 30; i++) {
            estimates.answered("acme", "billing", Duration.ofSeconds(10));
        }
        assertThat(estimates.expected("acme", "billing").orElseThrow()).isLessThan(Duration.ofSeconds(11));
    }
}
