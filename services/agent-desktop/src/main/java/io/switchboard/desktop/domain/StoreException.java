package io.switchboard.desktop.domain;

/** The read model could not be read or written (the database failed); the request fails as a server error. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
