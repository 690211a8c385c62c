package io.switchboard.email.domain;

import java.util.List;

/** A reply ready for the relay: addresses, threading headers and files. */
public record OutgoingEmail(String from, String to, String subject, String text, String messageId, String inReplyTo,
        List<String> references, List<File> files) {

    public record File(String filename, String contentType, byte[] data) {
    }
}
