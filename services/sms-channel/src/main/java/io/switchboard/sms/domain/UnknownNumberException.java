package io.switchboard.sms.domain;

/** The number texted is no tenant's SMS entry point (404; nothing is stored or published). */
public class UnknownNumberException extends Exception {

    public UnknownNumberException(String message) {
        super(message);
    }

    public UnknownNumberException(String message, Throwable cause) {
        super(message, cause);
    }
}
