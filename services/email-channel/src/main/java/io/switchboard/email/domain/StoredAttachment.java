package io.switchboard.email.domain;

import java.util.UUID;

/** A file of an inbound message, with the tenant it belongs to. */
public record StoredAttachment(UUID id, String tenantId, UUID emailId, String filename, String contentType,
        String contentId, boolean inline, byte[] data) {
}
