package io.switchboard.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.dialer.engine.CallOutcome;
import io.switchboard.dialer.engine.DialMode;

class CampaignRulesTest {

    private final CampaignRules rules = new CampaignRules(new FakeDirectory());

    private static CampaignDraft draft(String kind, String queue, CampaignDraft.WindowDraft window, Double cap, List<String> prompts) {
        return new CampaignDraft("December", queue, "020 7946 0000", kind, null, window, null, null, cap, null, null, null, prompts, null);
    }

    @Test
    void fillsTheDefaults() {
        CampaignSettings s = rules.check("acme-bank", draft(null, "sales", null, null, null));
        assertThat(s.kind()).isEqualTo(CampaignKind.AGENT);
        assertThat(s.mode()).isEqualTo(DialMode.PROGRESSIVE);
        assertThat(s.callerId()).isEqualTo("+442079460000");
        assertThat(s.window()).isEqualTo(DialWindow.DEFAULT);
        assertThat(s.abandonCapPercent()).isEqualTo(3.0);
        assertThat(s.ringSeconds()).isEqualTo(25);
        assertThat(s.abandonGraceSeconds()).isEqualTo(2);
        assertThat(s.retries().maxAttemptsPerDay()).isEqualTo(3);
        assertThat(s.retries().rules().get(CallOutcome.BUSY).after()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.pacing().abandonCap()).isEqualTo(0.03);
    }

    @Test
    void aWindowThatNeverOpensIsRefused() {
        assertThatThrownBy(() -> rules.check("acme-bank", draft(null, "sales", new CampaignDraft.WindowDraft("09:00", "09:00", null), null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                        .containsExactly("window"));
        assertThatThrownBy(() -> rules.check("acme-bank", draft(null, "sales", new CampaignDraft.WindowDraft(null, null, List.of()), null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                        .containsExactly("window.days"));
        CampaignSettings weekdays = rules.check("acme-bank", draft(null, "sales",
                new CampaignDraft.WindowDraft("09:30", "17:00", List.of("monday", "FRIDAY")), null, null));
        assertThat(weekdays.window()).isEqualTo(new DialWindow(LocalTime.of(9, 30), LocalTime.of(17, 0),
                java.util.EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));
    }

    @Test
    void theCapLiesAboveZeroAndAtMostTenPercent() {
        for (double wrong : new double[] { 0, -1, 10.01, 50 }) {
            assertThatThrownBy(() -> rules.check("acme-bank", draft(null, "sales", null, wrong, null)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("abandonCapPercent"));
        }
        assertThat(rules.check("acme-bank", draft(null, "sales", null, 10.0, null)).abandonCapPercent()).isEqualTo(10.0);
    }

    @Test
    void kindsCheckTheirOwnNeeds() {
        assertThatThrownBy(() -> rules.check("acme-bank", draft("COLLECTIONS", "support", null, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                        .containsExactly("queueId"));
        assertThat(rules.check("acme-bank", draft("COLLECTIONS", "sales", null, null, null)).kind()).isEqualTo(CampaignKind.COLLECTIONS);
        assertThatThrownBy(() -> rules.check("acme-bank", draft("SURVEY", "sales", null, null, List.of("q1", "q9"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                        .containsExactly("surveyPrompts[1]"));
        assertThat(rules.check("acme-bank", draft("SURVEY", "sales", null, null, List.of("q1"))).surveyLines()).isEqualTo(5);
    }

    @Test
    void retriesKeepTheirDefaultsForWhatIsLeftOut() {
        CampaignDraft draft = new CampaignDraft("December", "sales", "+442079460000", null, null, null,
                Map.of("busy", new CampaignDraft.RetryDraft(5, 30L)), 4, null, null, null, null, null, null);
        CampaignSettings s = rules.check("acme-bank", draft);
        assertThat(s.retries().rules().get(CallOutcome.BUSY)).isEqualTo(new io.switchboard.dialer.engine.RetryRules.Rule(5, Duration.ofSeconds(30)));
        assertThat(s.retries().rules().get(CallOutcome.MACHINE).attempts()).isEqualTo(2);
        assertThat(s.retries().maxAttemptsPerDay()).isEqualTo(4);
    }
}
