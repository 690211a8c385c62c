package io.switchboard.desktop.domain;

import java.time.Instant;

/** One line of the inbox list. */
public record ContactSummary(String contactId, String tenantId, String channel, String subject, String customer,
        String queueId, ContactStatus status, String agentId, String offeredTo, String offerId, Instant offerExpiresAt, Instant createdAt,
        Instant updatedAt, String lastMessage, Instant lastMessageAt, int unread, String disposition) {
}
