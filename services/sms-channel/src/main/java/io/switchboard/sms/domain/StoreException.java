package io.switchboard.sms.domain;

/** The database could not answer. */
public class StoreException extends Exception {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
