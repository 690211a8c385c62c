package io.switchboard.social.domain;

/** The store failed (the database is unreachable or refused the statement). */
public class StoreException extends Exception {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
