package io.switchboard.social.domain;

import java.time.Instant;

import io.switchboard.events.address.SocialAccount;

/**
 * One contact on a social account: a customer's messages to one company account join it until the
 * contact ends (contact.ended), then the next message opens another.
 *
 * @param lastInboundAt when the customer last wrote, by the platform's own timestamp (the window counts from it)
 */
public record Conversation(String contactId, String tenantId, SocialAccount account, String customerId, String customerName,
        Instant openedAt, Instant lastInboundAt, Instant endedAt) {

    public boolean open() {
        return endedAt == null;
    }
}
