package io.switchboard.fax.domain;

import java.time.Instant;

/** What the inbox shows of a fax besides its document. */
public record FaxView(String id, String tenantId, String contactId, String from, String to, int pages, String contentType,
        long sizeBytes, Instant receivedAt) {
}
