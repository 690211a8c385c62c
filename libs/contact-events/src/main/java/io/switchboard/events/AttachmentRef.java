package io.switchboard.events;

import java.net.URI;

/** A reference to an attachment held by the channel service that received it; events never carry bytes. */
public record AttachmentRef(String id, String filename, String contentType, long sizeBytes, URI uri) {

    public AttachmentRef {
        Require.present(id, "attachment id");
        Require.present(contentType, "attachment contentType");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("attachment sizeBytes must not be negative");
        }
    }
}
