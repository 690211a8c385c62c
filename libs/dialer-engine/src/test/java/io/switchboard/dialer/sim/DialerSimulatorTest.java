package io.switchboard.dialer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.switchboard.dialer.engine.DialMode;
import io.switchboard.dialer.engine.PacingSettings;

class DialerSimulatorTest {

    private static final PacingSettings PREDICTIVE = PacingSettings.predictive(0.03);
    private static final PacingSettings PROGRESSIVE = new PacingSettings(DialMode.PROGRESSIVE, 0.03, 0.018, 12, 4);

    @Test
    void progressiveNeverAbandons() {
        DayResult day = DialerSimulator.run(DayScenario.steady(20, 4, 0.25, 150, PROGRESSIVE, 1));
        assertThat(day.answered()).isGreaterThan(1_000);
        assertThat(day.abandoned()).isZero();
    }

    @Test
    void predictiveKeepsAgentsBusierThanProgressiveAndTheDayUnderTheCap() {
        DayResult progressive = DialerSimulator.run(DayScenario.steady(20, 4, 0.25, 150, PROGRESSIVE, 2));
        DayResult predictive = DialerSimulator.run(DayScenario.steady(20, 4, 0.25, 150, PREDICTIVE, 2));
        assertThat(predictive.agentIdleShare()).isLessThan(progressive.agentIdleShare() * 0.6);
        assertThat(predictive.connectsPerAgentHour()).isGreaterThan(progressive.connectsPerAgentHour());
        assertThat(predictive.abandonRate()).isLessThanOrEqualTo(0.03);
    }

    @Test
    void withAmpleAgentsItNeverAbandons() {
        // 200 agents for a list that answers one call in ten: the lines, not the agents, are the limit.
        DayResult day = DialerSimulator.run(DayScenario.steady(200, 2, 0.1, 60, new PacingSettings(DialMode.PREDICTIVE, 0.03, 0.018, 12, 1), 3));
        assertThat(day.answered()).isGreaterThan(500);
        assertThat(day.abandoned()).isZero();
    }

    @Test
    void whenTheAnswerRateJumpsTheCapStillHoldsOverTheDay() {
        for (long seed = 10; seed < 20; seed++) {
            DayResult day = DialerSimulator.run(DayScenario.steady(25, 8, 0.15, 120, PREDICTIVE, seed).withAnswerRateChange(0.45, 4));
            assertThat(day.abandonRate()).as("seed %d: %s", seed, day).isLessThanOrEqualTo(0.03);
            DayResult falling = DialerSimulator.run(DayScenario.steady(25, 8, 0.45, 120, PREDICTIVE, seed).withAnswerRateChange(0.15, 4));
            assertThat(falling.abandonRate()).as("seed %d falling: %s", seed, falling).isLessThanOrEqualTo(0.03);
        }
    }

    @Test
    void theSameSeedIsTheSameDay() {
        DayScenario day = DayScenario.steady(10, 1, 0.3, 100, PREDICTIVE, 42);
        assertThat(DialerSimulator.run(day)).isEqualTo(DialerSimulator.run(day));
    }
}
