package io.switchboard.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.switchboard.events.SwitchboardEvent;
import io.switchboard.reporting.Fixture;

/**
 * The differences a batch adds to the stored rows (persistence/IntervalDeltas): the rows of the facts before a
 * batch plus {@link FigureCalculator#difference} of its legs are the rows of the facts after it, cut anywhere.
 */
class FigureDifferenceTest {

    @Test
    void theRowsBeforePlusTheDifferenceAreTheRowsAfterWhereverTheDayIsCut() {
        for (long seed = 1; seed <= 20; seed++) {
            List<SwitchboardEvent> events = new ArrayList<>(Fixture.events());
            Random random = new Random(seed);
            Collections.shuffle(events, random);
            FactBook book = new FactBook();
            Map<FigureKey, Figures> rows = new HashMap<>();
            for (int i = 0; i < events.size();) {
                int size = 1 + random.nextInt(12);
                List<LegReport> before = acme(book);
                events.subList(i, Math.min(events.size(), i + size)).forEach(book::apply);
                Map<FigureKey, Figures> moved = FigureCalculator.difference(before, acme(book));
                assertThat(moved.values()).as("seed %d: rows that do not move are left out", seed).noneMatch(Figures::isZero);
                moved.forEach((key, difference) -> rows.merge(key, difference, Figures::plus));
                rows.values().removeIf(f -> f.offered() == 0);
                assertThat(rows).as("seed %d after %d events", seed, i + size).isEqualTo(FigureCalculator.aggregate(acme(book)));
                i += size;
            }
            assertThat(rows).as("seed %d", seed).containsExactlyInAnyOrderEntriesOf(Fixture.ACME_FIGURES);
        }
    }

    @Test
    void aLegThatMovesIntervalLeavesTheOldRowsAndAddsToTheNewOnes() {
        List<SwitchboardEvent> events = Fixture.events();
        FactBook book = new FactBook();
        events.forEach(book::apply);
        List<LegReport> after = acme(book);
        LegReport first = after.stream().filter(r -> r.leg().interval() != null).findFirst().orElseThrow();
        LegFact earlier = new LegFact(first.leg().tenantId(), first.leg().contactId(), first.leg().queueId(), first.leg().channel(),
                first.leg().queuedAt().minus(Intervals.LENGTH), first.leg().assignedAt(), first.leg().agentId(), first.leg().abandonedAt(),
                first.leg().waitedSeconds(), first.leg().transferredAt(), first.leg().transfers(), first.leg().overflows());
        List<LegReport> before = new ArrayList<>(after);
        before.set(after.indexOf(first), new LegReport(earlier, first.contact(), first.wrapCompletedAt(), first.thresholdSeconds(),
                first.cameBack()));

        Map<FigureKey, Figures> moved = FigureCalculator.difference(before, after);

        assertThat(moved.get(new FigureKey(Dimension.QUEUE, first.leg().queueId(), earlier.interval())).offered()).isEqualTo(-1);
        assertThat(moved.get(new FigureKey(Dimension.QUEUE, first.leg().queueId(), first.leg().interval())).offered()).isEqualTo(1);
    }

    private static List<LegReport> acme(FactBook book) {
        return book.reports().stream().filter(r -> r.leg().tenantId().equals(Fixture.ACME)).toList();
    }
}
