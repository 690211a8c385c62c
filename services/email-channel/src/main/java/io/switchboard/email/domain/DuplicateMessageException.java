package io.switchboard.email.domain;

/** Another delivery of the same Message-ID for the same tenant was stored first. */
public class DuplicateMessageException extends Exception {

    public DuplicateMessageException(String message) {
        super(message);
    }
}
