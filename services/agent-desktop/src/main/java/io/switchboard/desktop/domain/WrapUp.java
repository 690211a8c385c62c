package io.switchboard.desktop.domain;

import java.time.Instant;

/**
 * A contact's completed wrap-up: the agent who held it, the outcome they chose (null where the queue
 * has no disposition codes) with its label, and their notes.
 */
public record WrapUp(String contactId, String tenantId, String agentId, String queueId, String dispositionCode,
        String dispositionLabel, String notes, Instant completedAt) {
}
