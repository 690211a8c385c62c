package io.switchboard.campaigns.domain;

import java.util.List;

import io.switchboard.dialer.engine.DialMode;
import io.switchboard.dialer.engine.PacingSettings;
import io.switchboard.dialer.engine.RetryRules;

/** A campaign as a supervisor configures it, already checked against the tenant's configuration. */
public record CampaignSettings(String name, String queueId, String callerId, CampaignKind kind, DialMode mode, DialWindow window,
        RetryRules retries, double abandonCapPercent, int ringSeconds, int abandonGraceSeconds, String script,
        List<String> surveyPrompts, int surveyLines) {

    public CampaignSettings {
        surveyPrompts = List.copyOf(surveyPrompts);
    }

    /** The engine's pacing limits: the cap as a share, the setpoint at 60% of it. */
    public PacingSettings pacing() {
        double cap = abandonCapPercent / 100;
        return new PacingSettings(mode, cap, cap * 0.6, 12, 4);
    }
}
