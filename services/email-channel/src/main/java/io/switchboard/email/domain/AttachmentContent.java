package io.switchboard.email.persistence;

/** An attachment's bytes, for download. */
public record AttachmentContent(String tenantId, String filename, String contentType, byte[] data) {
}
