package io.switchboard.sms.domain;

import java.time.Instant;
import java.util.UUID;

/** An inbound text as stored. {@code contactId} is null for a bare keyword outside any contact. */
public record InboundRecord(UUID id, String tenantId, String provider, String providerMessageId, String contactId,
        String fromNumber, String toNumber, String body, String keyword, boolean pending, Instant receivedAt) {
}
