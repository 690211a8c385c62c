package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An attempt about to be requested: written with its event in one transaction. */
public record NewAttempt(String contactId, UUID campaignId, UUID recordId, int attempt, String agentId, Instant requestedAt,
        LocalDate day) {
}
