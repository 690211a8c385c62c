package io.switchboard.campaigns.domain;

import java.util.List;
import java.util.Map;

/**
 * A campaign as a request writes it: every field may be missing or wrong; {@link CampaignRules} checks them
 * all and fills the defaults.
 */
public record CampaignDraft(String name, String queueId, String callerId, String kind, String mode, WindowDraft window,
        Map<String, RetryDraft> retries, Integer maxAttemptsPerDay, Double abandonCapPercent, Integer ringSeconds,
        Integer abandonGraceSeconds, String script, List<String> surveyPrompts, Integer surveyLines) {

    public record WindowDraft(String from, String until, List<String> days) {
    }

    public record RetryDraft(Integer attempts, Long delaySeconds) {
    }
}
