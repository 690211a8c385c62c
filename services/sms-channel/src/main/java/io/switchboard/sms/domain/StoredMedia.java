package io.switchboard.sms.domain;

import java.util.UUID;

/** An MMS file fetched from the provider, stored with the text it came with. */
public record StoredMedia(UUID id, String tenantId, UUID smsId, String contentType, String sourceUrl, byte[] data) {
}
