package io.switchboard.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
    void aLateSurveyAnswerLandsInItsContactsInterval() {
        FigureKey billing0915 = new FigureKey(Dimension.QUEUE, "billing", Instant.parse("2026-12-01T09:15:00Z"));
        FigureKey bob0915 = new FigureKey(Dimension.AGENT, "bob", Instant.parse("2026-12-01T09:15:00Z"));
        List<SwitchboardEvent> late = Fixture.events().stream().filter(Fixture::isLateSurvey).toList();
        FactBook book = book(Fixture.events().stream().filter(e -> !Fixture.isLateSurvey(e)).toList());

        assertThat(late).hasSize(1);
        assertThat(book.figures().get(Fixture.ACME).get(billing0915).surveys()).isZero();
        assertThat(book.figures().get(Fixture.ACME).get(bob0915).csatScoreSum()).isZero();

        late.forEach(book::apply);

        assertThat(book.figures().get(Fixture.ACME)).containsExactlyInAnyOrderEntriesOf(Fixture.ACME_FIGURES);
        assertThat(book.figures().get(Fixture.ACME).get(billing0915).csatScoreSum()).isEqualTo(4);
    }

    @Test
    void theFirstSurveyAnswerByTimeCountsWhateverTheOrder() {
        FigureKey chat0900 = new FigureKey(Dimension.CHANNEL, "CHAT", Instant.parse("2026-12-01T09:00:00Z"));
        List<SwitchboardEvent> events = new ArrayList<>(Fixture.events());
        Collections.reverse(events);

        // C2's answers: 2 at 09:15, 5 at 09:16; the later one is delivered first in the fixture, last here.
        assertThat(book(events).figures().get(Fixture.ACME).get(chat0900))
                .extracting(Figures::surveys, Figures::csatSatisfied, Figures::csatScoreSum).containsExactly(1L, 0L, 2L);
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
        // C1 5, C2 2, C5 4: two of three answers are 4 or 5.
        assertThat(kpis.csat()).isEqualTo(2.0 / 3);
        assertThat(kpis.avgSurveyScore()).isEqualTo(11.0 / 3);

        AgentTimeFigures alice = Fixture.ACME_AGENT_TIME.entrySet().stream().filter(e -> e.getKey().agentId().equals("alice"))
                .map(java.util.Map.Entry::getValue).reduce(AgentTimeFigures.ZERO, AgentTimeFigures::plus);
        Kpis aliceKpis = Kpis.of(Figures.ZERO, alice);
        assertThat(aliceKpis.occupancy()).isEqualTo(530.0 / (530 + 2170));
        assertThat(aliceKpis.utilisation()).isEqualTo(530.0 / 2700);
    }
}
