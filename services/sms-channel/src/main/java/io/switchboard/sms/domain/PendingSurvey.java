package io.switchboard.sms.domain;

import java.time.Instant;

/** A survey texted after a contact ended, awaiting the customer's answer. */
public record PendingSurvey(String contactId, String tenantId, String customerNumber, String entryNumber, Instant askedAt) {
}
