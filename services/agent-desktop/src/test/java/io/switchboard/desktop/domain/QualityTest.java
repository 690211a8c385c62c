package io.switchboard.desktop.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class QualityTest {

    private static final Scorecard CARD = new Scorecard("acme-bank", "Calls", List.of(
            new Scorecard.Criterion("greeting", "Greets by name", 1, 1),
            new Scorecard.Criterion("accuracy", "Right answer", 3, 5),
            new Scorecard.Criterion("empathy", "Shows empathy", 2, 4)));

    @Test
    void theWeeklyMinimumComesFirstThenTheShareDecides() {
        QaPolicy policy = new QaPolicy(0.0, 2);
        assertThat(QaSampler.sample("c-1", policy, 0)).contains(QaSampler.Reason.MINIMUM);
        assertThat(QaSampler.sample("c-1", policy, 1)).contains(QaSampler.Reason.MINIMUM);
        assertThat(QaSampler.sample("c-1", policy, 2)).isEmpty();
        assertThat(QaSampler.sample("c-1", new QaPolicy(1.0, 0), 50)).contains(QaSampler.Reason.RANDOM);
        assertThat(QaSampler.sample("c-1", QaPolicy.NONE, 0)).isEmpty();
    }

    @Test
    void theDrawIsTheSameForTheSameContactAndTakesAboutTheShare() {
        assertThat(QaSampler.draw("contact-42")).isEqualTo(QaSampler.draw("contact-42"));
        QaPolicy tenPercent = new QaPolicy(0.10, 0);
        long taken = IntStream.range(0, 20_000).filter(i -> QaSampler.sample("contact-" + i, tenPercent, 0).isPresent()).count();
        // 10% of 20,000 is 2,000; a binomial's standard deviation here is 42, so ±200 is almost five of them.
        assertThat(taken).isBetween(1_800L, 2_200L);
    }

    @Test
    void theTotalWeighsEachCriterionsShareOfItsTopScore() {
        // greeting 1/1 × 1, accuracy 4/5 × 3, empathy 2/4 × 2: (1 + 2.4 + 1) / 6 = 73.3%
        assertThat(QualityMonitoring.total(CARD, Map.of("greeting", 1, "accuracy", 4, "empathy", 2))).isEqualTo(73.3);
        assertThat(QualityMonitoring.total(CARD, Map.of("greeting", 1, "accuracy", 5, "empathy", 4))).isEqualTo(100.0);
        assertThat(QualityMonitoring.total(CARD, Map.of("greeting", 0, "accuracy", 0, "empathy", 0))).isEqualTo(0.0);
    }

    @Test
    void aScorecardOrPolicyThatCannotBeScoredIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new Scorecard("t", "Empty", List.of())).hasMessageContaining("1 to 30 criteria");
        assertThatThrownBy(() -> new Scorecard("t", "Twice", List.of(new Scorecard.Criterion("a", "A", 1, 1),
                new Scorecard.Criterion("a", "A again", 1, 1)))).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> new Scorecard("t", "Zero", List.of(new Scorecard.Criterion("a", "A", 0, 1))))
                .hasMessageContaining("weight must be 1 to 100");
        assertThatThrownBy(() -> new Scorecard("t", "Bad id", List.of(new Scorecard.Criterion("A B", "A", 1, 1))))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new QaPolicy(1.5, 0)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new QaPolicy(0.1, -1)).hasMessageContaining("minimumPerAgentPerWeek");
    }
}
