package io.switchboard.reporting.domain;

/** A file attached to a mail. */
public record Attachment(String filename, String contentType, byte[] data) {
}
