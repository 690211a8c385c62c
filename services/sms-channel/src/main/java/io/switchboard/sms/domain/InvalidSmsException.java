package io.switchboard.sms.domain;

/** The provider's request is malformed (a clear 400; nothing is stored or published). */
public class InvalidSmsException extends Exception {

    public InvalidSmsException(String message) {
        super(message);
    }

    public InvalidSmsException(String message, Throwable cause) {
        super(message, cause);
    }
}
