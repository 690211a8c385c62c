package io.switchboard.fax.domain;

/** Bytes served to a reader: the document or its thumbnail. */
public record FaxFile(String filename, String contentType, byte[] data) {
}
