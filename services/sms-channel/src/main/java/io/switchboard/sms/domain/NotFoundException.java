package io.switchboard.sms.domain;

/** An unknown contact, or one of a tenant the caller does not serve. */
public class NotFoundException extends Exception {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
