package io.switchboard.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.dialer.engine.CallOutcome;
import io.switchboard.dialer.engine.DialMode;
import io.switchboard.dialer.engine.RetryRules;

/** How many lines a tick asks for, per kind and mode, from the inputs it read. */
class DiallerLinesTest {

    private final Dialler dialler = new Dialler(null, new FakeDirectory(), null, null,
            new DiallerSettings(Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofSeconds(30), 500), "test",
            Clock.systemUTC());

    private static Campaign campaign(CampaignKind kind, DialMode mode) {
        CampaignSettings settings = new CampaignSettings("c", "sales", "+442079460000", kind, mode, DialWindow.DEFAULT, RetryRules.DEFAULT,
                3, 25, 2, "", kind == CampaignKind.SURVEY ? List.of("q1") : List.of(), 5);
        return new Campaign(UUID.randomUUID(), "acme-bank", settings, CampaignState.RUNNING, List.of(), "sam", Instant.EPOCH, Instant.EPOCH);
    }

    private static PacingInputs inputs(int free, int ringing, long answered, long abandoned, double answerRate) {
        List<CallOutcome> recent = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            recent.add(i < answerRate * 200 ? CallOutcome.CONNECTED : CallOutcome.NO_ANSWER);
        }
        Collections.shuffle(recent, new java.util.Random(1));
        return new PacingInputs(free, List.of(), ringing, answered, abandoned, recent, List.of());
    }

    @Test
    void progressiveIsOneLinePerFreeAgentLessThoseRinging() {
        Campaign progressive = campaign(CampaignKind.AGENT, DialMode.PROGRESSIVE);
        assertThat(dialler.lines(progressive, inputs(4, 1, 0, 0, 0.2))).isEqualTo(3);
        assertThat(dialler.lines(progressive, inputs(2, 3, 0, 0, 0.2))).isZero();
    }

    @Test
    void previewPlacesNothingAndASurveyFillsItsLines() {
        assertThat(dialler.lines(campaign(CampaignKind.AGENT, DialMode.PREVIEW), inputs(10, 0, 0, 0, 0.2))).isZero();
        assertThat(dialler.lines(campaign(CampaignKind.SURVEY, DialMode.PROGRESSIVE), inputs(0, 2, 0, 0, 0.2))).isEqualTo(3);
    }

    @Test
    void predictiveDialsAheadOnceTheDayCanAffordAnAbandon() {
        Campaign predictive = campaign(CampaignKind.AGENT, DialMode.PREDICTIVE);
        assertThat(dialler.lines(predictive, inputs(5, 0, 0, 0, 0.2))).as("no margin at the start of the day: progressive").isEqualTo(5);
        assertThat(dialler.lines(predictive, inputs(5, 0, 400, 2, 0.2))).isGreaterThan(5);
        assertThat(dialler.lines(predictive, inputs(5, 0, 400, 12, 0.2))).as("at the cap: progressive").isEqualTo(5);
    }
}
