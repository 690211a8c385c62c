package io.switchboard.sms.domain;

/** The store or the broker could not take the message now; the provider should retry (503). */
public class UnavailableException extends Exception {

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
