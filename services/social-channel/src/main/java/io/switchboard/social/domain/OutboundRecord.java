package io.switchboard.social.domain;

import java.time.Instant;

/**
 * How a reply request was decided, once: sent (with the platform's message id) or failed (with the reason).
 *
 * @param text what the customer got (the rendered template for a template send)
 */
public record OutboundRecord(String messageId, String tenantId, String contactId, String agentId, String account,
        String recipientId, String providerMessageId, boolean sent, String reason, boolean permanent, String template,
        String text, Instant decidedAt) {
}
