package io.switchboard.email.domain;

import java.time.Instant;
import java.util.UUID;

/** An inbound message as stored: raw bytes plus what parsing made of it. */
public record InboundRecord(UUID id, String tenantId, String messageId, String contactId, String source,
        String envelopeFrom, String fromAddress, String fromName, String mailboxAddress, String subject, String text,
        String html, byte[] raw, Status status, String suppressedReason, Instant receivedAt) {

    public enum Status {
        PENDING, PUBLISHED, SUPPRESSED
    }
}
