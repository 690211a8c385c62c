package io.switchboard.sms.domain;

import java.time.Instant;

/** One SMS contact: a customer's number and the tenant's number, open until the contact ends. */
public record Conversation(String contactId, String tenantId, String entryNumber, String customerNumber, Instant createdAt,
        Instant lastInboundAt, Instant endedAt) {

    public boolean open() {
        return endedAt == null;
    }
}
