package io.switchboard.social.domain;

/** A signed webhook body that is not a payload this service understands (malformed, too deep, no entry). */
public class BadPayloadException extends Exception {

    public BadPayloadException(String message) {
        super(message);
    }
}
