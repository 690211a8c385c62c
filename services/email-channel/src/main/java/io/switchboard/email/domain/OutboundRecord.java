package io.switchboard.email.domain;

import java.time.Instant;

/** The outcome of one reply request: sent (with our Message-ID) or refused (with the reason). */
public record OutboundRecord(String requestId, String tenantId, String contactId, String agentId, String messageId,
        String recipient, String subject, String text, boolean sent, String reason, boolean permanent, Instant decidedAt) {
}
