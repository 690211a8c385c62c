package io.switchboard.dialer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AbandonMathTest {

    @Test
    void noMoreLinesThanAgentsAbandonsNothing() {
        assertThat(AbandonMath.expectedOverflow(5, 0.9, 5)).isZero();
        assertThat(AbandonMath.expectedOverflow(0, 0.5, 0)).isZero();
    }

    @Test
    void smallCasesByHand() {
        // Two lines, p = 0.5, one agent: X = 2 with probability 1/4, overflow 1 → 0.25.
        assertThat(AbandonMath.expectedOverflow(2, 0.5, 1)).isCloseTo(0.25, within(1e-12));
        // Three lines, p = 0.5, one agent: P(X=2) = 3/8 → 1, P(X=3) = 1/8 → 2: 3/8 + 2/8 = 0.625.
        assertThat(AbandonMath.expectedOverflow(3, 0.5, 1)).isCloseTo(0.625, within(1e-12));
        // No agent: every answer overflows, E[X] = n p.
        assertThat(AbandonMath.expectedOverflow(10, 0.3, 0)).isCloseTo(3.0, within(1e-12));
        assertThat(AbandonMath.expectedOverflow(4, 1.0, 1)).isEqualTo(3.0);
    }

    @Test
    void moreLinesNeverAbandonLess() {
        double previous = 0;
        for (int lines = 10; lines <= 200; lines++) {
            double overflow = AbandonMath.expectedOverflow(lines, 0.25, 10);
            assertThat(overflow).isGreaterThanOrEqualTo(previous);
            previous = overflow;
        }
    }
}
