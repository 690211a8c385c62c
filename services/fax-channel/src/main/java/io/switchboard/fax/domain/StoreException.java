package io.switchboard.fax.domain;

/** The fax store (PostgreSQL) failed. */
public class StoreException extends Exception {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
