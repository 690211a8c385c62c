package io.switchboard.routing.engine.erlang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangTest {

    @Test
    void theTextbookExampleFromTheDomainNotes() {
        // 100 calls in 30 minutes, AHT 180 s: A = 10 Erlangs.
        assertThat(ErlangC.serviceLevel(13, 10, 180, 20)).isCloseTo(0.796, within(0.001));
        assertThat(ErlangC.serviceLevel(14, 10, 180, 20)).isCloseTo(0.888, within(0.001));
        assertThat(ErlangC.agentsFor(10, 180, 20, 0.8)).isEqualTo(14);
    }

    @Test
    void probabilityOfWaitingAndAsaAgreeWithTheClosedForm() {
        // P(wait) for N=2, A=1: (A^N/N! · N/(N-A)) / (1 + A + that) = (0.5·2) / (2 + 1) = 1/3.
        assertThat(ErlangC.probabilityOfWaiting(2, 1)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(ErlangC.averageSpeedOfAnswer(2, 1, 180)).isCloseTo(60, within(1e-9));
        assertThat(ErlangC.probabilityOfWaiting(5, 5)).isEqualTo(1.0);
        assertThat(ErlangC.probabilityOfWaiting(500, 450)).isBetween(0.0, 1.0);
    }

    @Test
    void erlangAWithEndlessPatienceIsErlangC() {
        ErlangA patient = new ErlangA(14, 10.0 / 180, 180, 1e9);
        assertThat(patient.probabilityOfWaiting()).isCloseTo(ErlangC.probabilityOfWaiting(14, 10), within(1e-4));
        assertThat(patient.serviceLevel(20)).isCloseTo(ErlangC.serviceLevel(14, 10, 180, 20), within(1e-3));
        assertThat(patient.abandonRate()).isCloseTo(0, within(1e-4));
    }

    @Test
    void impatienceLowersWaitingAndCostsAbandons() {
        ErlangA impatient = new ErlangA(10, 10.0 / 180, 180, 60);
        assertThat(impatient.probabilityOfWaiting()).isLessThan(1.0);
        assertThat(impatient.abandonRate()).isBetween(0.05, 0.5);
        assertThat(impatient.serviceLevel(20)).isBetween(0.0, 1.0);
    }
}
