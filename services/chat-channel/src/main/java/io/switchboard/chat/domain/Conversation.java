package io.switchboard.chat.domain;

import java.time.Instant;

/** A chat conversation: whose it is, whether it is a contact yet, who took it, whether it is over. */
public record Conversation(String contactId, String tenantId, String widgetId, String visitorId, String customerName,
        String customerEmail, Instant startedAt, boolean contactCreated, String agentId, Instant endedAt) {

    public boolean open() {
        return endedAt == null;
    }
}
