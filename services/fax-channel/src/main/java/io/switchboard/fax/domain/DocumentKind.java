package io.switchboard.fax.domain;

/** The two document formats a fax arrives as: what the content really is, never what it was declared as. */
public enum DocumentKind {
    PDF("application/pdf", ".pdf"),
    TIFF("image/tiff", ".tif");

    private final String contentType;
    private final String extension;

    DocumentKind(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The kind named by a stored content type (the store keeps what {@link #contentType()} said). */
    public static DocumentKind ofContentType(String contentType) {
        for (DocumentKind kind : values()) {
            if (kind.contentType.equalsIgnoreCase(contentType)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a fax document type: " + contentType);
    }
}
