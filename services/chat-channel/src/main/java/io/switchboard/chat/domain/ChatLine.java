package io.switchboard.chat.domain;

import java.time.Instant;

/** One message of a conversation, as the transcript shows it. */
public record ChatLine(String id, boolean fromCustomer, String agentId, String text, Instant sentAt) {
}
