package io.switchboard.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.switchboard.events.SwitchboardEvent;
import io.switchboard.reporting.Fixture;

/** The figures of the recorded day, against the ones worked out by hand in {@link Fixture}. */
class FactBookTest {

    private static FactBook book(List<SwitchboardEvent> events) {
        FactBook book = new FactBook();
        events.forEach(book::apply);
        return book;
    }

    @Test
    void theRecordedDayGivesTheHandWorkedFigures() {
        FactBook book = book(Fixture.events());

        assertThat(book.figures().get(Fixture.ACME)).containsExactlyInAnyOrderEntriesOf(Fixture.ACME_FIGURES);
        assertThat(book.figures().get(Fixture.GLOBEX)).containsExactlyInAnyOrderEntriesOf(Fixture.GLOBEX_FIGURES);
        assertThat(book.agentTime().get(Fixture.ACME)).containsExactlyInAnyOrderEntriesOf(Fixture.ACME_AGENT_TIME);
        assertThat(book.agentTime()).doesNotContainKey(Fixture.GLOBEX);
    }

    @Test
    void anEventDeliveredTwiceCountsOnce() {
        List<SwitchboardEvent> events = Fixture.events();
        FactBook book = new FactBook();
        long applied = events.stream().filter(book::apply).count();

        assertThat(applied).isEqualTo(events.size() - 1);
        events.forEach(e -> assertThat(book.apply(e)).isFalse());
        assertThat(book.figures().get(Fixture.ACME)).containsExactlyInAnyOrderEntriesOf(Fixture.ACME_FIGURES);
    }

    @Test
    void anyOrderOfArrivalGivesTheSameFigures() {
        for (long seed = 1; seed <= 20; seed++) {
            List<SwitchboardEvent> shuffled = new ArrayList<>(Fixture.events());
            Collections.shuffle(shuffled, new Random(seed));
            FactBook book = book(shuffled);

            assertThat(book.figures().get(Fixture.ACME)).as("seed %d", seed).containsExactlyInAnyOrderEntriesOf(Fixture.ACME_FIGURES);
            assertThat(book.agentTime().get(Fixture.ACME)).as("seed %d", seed)
                    .containsExactlyInAnyOrderEntriesOf(Fixture.ACME_AGENT_TIME);
        }
    }

    @Test
    void theKpisOfTheDayFollowTheDocumentedFormulas() {
        Figures billing = Fixture.ACME_FIGURES.entrySet().stream()
                .filter(e -> e.getKey().dimension() == Dimension.QUEUE && e.getKey().key().equals("billing"))
                .map(java.util.Map.Entry::getValue).reduce(Figures.ZERO, Figures::plus);
        Kpis kpis = Kpis.of(billing, null);

        // 2 of (3 answered + 1 abandoned) within 20 s; C3 and C7 are short abandons, left out.
        assertThat(kpis.serviceLevel()).isEqualTo(2.0 / 4);
        assertThat(kpis.abandonRate()).isEqualTo(1.0 / (6 - 2));
        assertThat(kpis.asaSeconds()).isEqualTo(50.0 / 3);
        assertThat(kpis.ahtSeconds()).isEqualTo((1400 + 30 + 140) / 3.0);
        assertThat(kpis.fcrRate()).isEqualTo(1.0 / 3);

        AgentTimeFigures alice = Fixture.ACME_AGENT_TIME.entrySet().stream().filter(e -> e.getKey().agentId().equals("alice"))
                .map(java.util.Map.Entry::getValue).reduce(AgentTimeFigures.ZERO, AgentTimeFigures::plus);
        Kpis aliceKpis = Kpis.of(Figures.ZERO, alice);
        assertThat(aliceKpis.occupancy()).isEqualTo(530.0 / (530 + 2170));
        assertThat(aliceKpis.utilisation()).isEqualTo(530.0 / 2700);
    }
}
