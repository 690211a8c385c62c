package io.switchboard.fax.domain;

/** A document that parsed as what its first bytes say it is, with its page count and first page's PNG thumbnail. */
public record CheckedDocument(DocumentKind kind, int pages, byte[] data, byte[] thumbnail) {
}
