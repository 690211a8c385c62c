package io.switchboard.email.domain;

/** The database could not answer: the sender is told to retry (SMTP 451), a consumer fails and is redelivered. */
public class StoreException extends Exception {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
