package io.switchboard.desktop.domain;

import java.time.Instant;

/**
 * One line of the inbox list. {@code customer} is always the customer (the name the channel knew, else
 * their address), whichever side started the contact; {@code direction} says which: INBOUND or
 * OUTBOUND (an agent's call). {@code endReason} is set once it ended: the channel's reason
 * (e.g. NO_ANSWER, BUSY, AGENT_ENDED) or ABANDONED. {@code platform} names a SOCIAL contact's
 * messaging platform (WHATSAPP, MESSENGER, INSTAGRAM, TELEGRAM).
 */
public record ContactSummary(String contactId, String tenantId, String channel, String direction, String subject, String customer,
        String queueId, ContactStatus status, String agentId, String offeredTo, String offerId, Instant offerExpiresAt, Instant createdAt,
        Instant updatedAt, String lastMessage, Instant lastMessageAt, int unread, String disposition, String endReason,
        String platform) {
}
