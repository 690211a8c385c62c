package io.switchboard.sms.domain;

import java.time.Instant;

/**
 * A text sent (or refused) for a reply request or an automatic answer to a keyword.
 *
 * @param requestId         the reply's messageId, or {@code auto:<inbound id>} for a keyword's confirmation
 * @param providerMessageId the provider's id for status callbacks (null when never accepted)
 * @param deliveryStatus    the furthest status the provider reported (null until one arrives)
 */
public record OutboundRecord(String requestId, String tenantId, String contactId, String agentId, String provider,
        String providerMessageId, String fromNumber, String toNumber, String text, int segments, String encoding, boolean sent,
        String reason, boolean permanent, Instant decidedAt, String deliveryStatus) {
}
