package io.switchboard.admin.persistence;

/** The database failed; the change was rolled back. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
