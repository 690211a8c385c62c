package io.switchboard.dialer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final HandleTimes HANDLE = new HandleTimes(100, 120);

    private static PacingState state(int free, int busy, int ringing, long answered, long abandoned) {
        return new PacingState(free, Collections.nCopies(busy, 30.0), ringing, 1_000, answered, abandoned);
    }

    @Test
    void previewPlacesNothingAndProgressiveOneLinePerFreeAgent() {
        assertThat(new Pacer(new PacingSettings(DialMode.PREVIEW, 0.03, 0.018, 12, 4)).linesToDial(state(5, 0, 0, 0, 0), 0.3, HANDLE))
                .isZero();
        Pacer progressive = new Pacer(new PacingSettings(DialMode.PROGRESSIVE, 0.03, 0.018, 12, 4));
        assertThat(progressive.linesToDial(state(5, 3, 2, 500, 0), 0.3, HANDLE)).isEqualTo(3);
        assertThat(progressive.linesToDial(state(2, 3, 4, 500, 0), 0.3, HANDLE)).isZero();
        assertThat(progressive.linesToDial(new PacingState(5, List.of(), 0, 2, 0, 0), 0.3, HANDLE)).as("records left").isEqualTo(2);
    }

    @Test
    void predictiveDialsAheadOnceTheDayCanAffordAnAbandon() {
        Pacer pacer = new Pacer(PacingSettings.predictive(0.03));
        // The day's first calls: nothing answered yet, so no abandon is affordable: progressive.
        assertThat(pacer.linesToDial(state(10, 10, 0, 0, 0), 0.25, HANDLE)).isEqualTo(10);
        // 1,000 answered, 5 abandoned (0.5%): more lines than free agents.
        int lines = pacer.linesToDial(state(10, 10, 0, 1_000, 5), 0.25, HANDLE);
        assertThat(lines).isGreaterThan(10);
        // And never so many that the expected share of abandons passes the setpoint.
        int agents = 10 + (int) Math.floor(10 * HANDLE.endsWithin(30, 12));
        assertThat(AbandonMath.expectedOverflow(lines, 0.25, agents)).isLessThanOrEqualTo(0.018 * lines * 0.25);
    }

    @Test
    void atTheCapThePacerFallsBackToProgressive() {
        Pacer pacer = new Pacer(PacingSettings.predictive(0.03));
        assertThat(pacer.linesToDial(state(10, 10, 0, 1_000, 30), 0.25, HANDLE)).isEqualTo(10);
        // One abandon from the cap: it may dial a little ahead, never more than that one abandon's worth.
        int edge = pacer.linesToDial(state(10, 10, 0, 1_000, 29), 0.25, HANDLE);
        int agents = 10 + (int) Math.floor(10 * HANDLE.endsWithin(30, 12));
        assertThat(edge).isGreaterThanOrEqualTo(10);
        assertThat(AbandonMath.expectedOverflow(edge, 0.25, agents)).isLessThan(1);
        // Between the setpoint and the cap it dials ahead less than below the setpoint.
        int relaxed = pacer.linesToDial(state(10, 10, 0, 1_000, 5), 0.25, HANDLE);
        int braking = pacer.linesToDial(state(10, 10, 0, 1_000, 25), 0.25, HANDLE);
        assertThat(braking).isLessThan(relaxed).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theAnswerRateEstimateFollowsAJump() {
        AnswerRate rate = new AnswerRate(0.2, 20, 0.98);
        for (int i = 0; i < 300; i++) {
            rate.record(i % 10 == 0);
        }
        assertThat(rate.estimate()).isBetween(0.08, 0.14);
        for (int i = 0; i < 150; i++) {
            rate.record(i % 2 == 0);
        }
        assertThat(rate.estimate()).isBetween(0.42, 0.55);
    }

    @Test
    void aBusyAgentsChanceToFinishComesFromTheRecordedCalls() {
        HandleTimes times = new HandleTimes(1_000, 120);
        for (int i = 1; i <= 100; i++) {
            times.record(i);
        }
        // Calls lasted 1..100 s: of those longer than 50 s (50 of them), 10 end by 60 s.
        assertThat(times.endsWithin(50, 10)).isEqualTo(0.2);
        // Past the recorded calls it falls back to the mean's exponential.
        assertThat(times.endsWithin(99, 10)).isEqualTo(1 - Math.exp(-10 / 50.5));
    }
}
