package io.switchboard.social.domain;

import java.util.UUID;

/** A media file fetched from the platform, stored with the message that carried it. */
public record StoredFile(UUID id, String tenantId, String filename, String contentType, byte[] data) {
}
