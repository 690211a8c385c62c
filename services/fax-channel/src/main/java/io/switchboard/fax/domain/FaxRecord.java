package io.switchboard.fax.domain;

import java.time.Instant;
import java.util.UUID;

/** One received fax as stored: who sent it to which tenant number, through which provider, and its contact. */
public record FaxRecord(UUID id, String tenantId, String provider, String providerFaxId, String contactId, String fromNumber,
        String toNumber, int pages, DocumentKind kind, long sizeBytes, Instant receivedAt) {
}
