package io.switchboard.desktop.domain;

import java.time.Instant;

/**
 * One message of a conversation: from the customer (inbound) or an agent's reply with its status
 * (PENDING, SENT or FAILED as the channel answered) and, where the provider reports it, its
 * {@code delivery} (QUEUED, SENT, DELIVERED, READ, UNDELIVERED, FAILED) with the provider's reason.
 */
public record ThreadMessage(String messageId, boolean inbound, String agentId, String text, int attachments, Instant at,
        String status, String failure, String delivery, String deliveryReason) {

    /** The same message with its text cut to {@code chars}, for a live preview. */
    public ThreadMessage preview(int chars) {
        return text == null || text.length() <= chars ? this
                : new ThreadMessage(messageId, inbound, agentId, text.substring(0, chars), attachments, at, status, failure, delivery,
                        deliveryReason);
    }
}
