package io.switchboard.sms.domain;

/** A stored MMS file as the inbox downloads it. */
public record MediaContent(String tenantId, String contentType, byte[] data) {
}
