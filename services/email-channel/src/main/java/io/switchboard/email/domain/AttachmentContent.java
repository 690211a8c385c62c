package io.switchboard.email.domain;

/** An attachment's bytes, for download. */
public record AttachmentContent(String tenantId, String filename, String contentType, byte[] data) {
}
