package io.switchboard.email.domain;

/** A part of an email kept as a file: an attachment, or an inline image the HTML refers to by Content-ID. */
public record ParsedAttachment(String filename, String contentType, String contentId, boolean inline, byte[] data) {

    public long size() {
        return data.length;
    }
}
