package io.switchboard.voice.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One dialling attempt a campaign asked for ({@code call.campaign.requested}), as the call flow reads it.
 *
 * @param to            the customer's number (E.164)
 * @param agentId       preview mode: the agent whose phone rings first; null for a predictive or survey call
 * @param surveyPrompts an IVR survey campaign: the prompt names asked in turn; empty otherwise
 * @param ringTimeout   how long the customer's phone may ring
 * @param abandonGrace  how long an answered call waits for routing's offer before the abandoned-call message
 * @param record        the record's fields for the agent's screen
 * @param requestedAt   when the campaign service asked (a request older than the configured age is refused)
 */
public record CampaignAttempt(UUID eventId, String contactId, String tenantId, String campaignId, String recordId, int attempt,
        String queueId, String entryPoint, String to, String agentId, List<String> surveyPrompts, Duration ringTimeout,
        Duration abandonGrace, Map<String, String> record, Instant requestedAt) {

    public CampaignAttempt {
        surveyPrompts = surveyPrompts == null ? List.of() : List.copyOf(surveyPrompts);
        record = record == null ? Map.of() : Map.copyOf(record);
    }

    public boolean preview() {
        return agentId != null;
    }

    public boolean survey() {
        return !surveyPrompts.isEmpty();
    }
}
