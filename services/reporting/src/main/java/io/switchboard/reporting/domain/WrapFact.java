package io.switchboard.reporting.domain;

import java.time.Instant;

/** An agent's after-contact work on a contact ended at {@code completedAt} (the first report of it). */
public record WrapFact(String tenantId, String contactId, String agentId, String queueId, Instant completedAt) {
}
