package io.switchboard.email.persistence;

import java.time.Instant;

/** One email conversation: the contact, the customer's address and the mailbox it runs through. */
public record EmailThread(String contactId, String tenantId, long token, String mailboxAddress, String customerAddress,
        String customerName, String subject, Instant createdAt) {
}
