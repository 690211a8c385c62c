package io.switchboard.email.domain;

import java.time.Instant;

/**
 * One email conversation: the contact, the customer's address and the mailbox it runs through.
 *
 * @param endedAt when its contact ended, or null while it is open
 */
public record EmailThread(String contactId, String tenantId, long token, String mailboxAddress, String customerAddress,
        String customerName, String subject, Instant createdAt, Instant endedAt) {

    public boolean open() {
        return endedAt == null;
    }
}
