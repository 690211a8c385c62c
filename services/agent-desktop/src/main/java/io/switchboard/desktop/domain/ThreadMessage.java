package io.switchboard.desktop.domain;

import java.time.Instant;

/** One message of a conversation: from the customer (inbound) or an agent's reply with its delivery status. */
public record ThreadMessage(String messageId, boolean inbound, String agentId, String text, int attachments, Instant at,
        String status, String failure) {
}
