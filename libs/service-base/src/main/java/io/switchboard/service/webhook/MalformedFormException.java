package io.switchboard.service.webhook;

/** A form body that is not well-formed percent-encoded UTF-8; the message says what is wrong. */
public class MalformedFormException extends Exception {

    public MalformedFormException(String message) {
        super(message);
    }
}
