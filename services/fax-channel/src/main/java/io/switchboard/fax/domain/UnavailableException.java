package io.switchboard.fax.domain;

/** The store, the broker or the provider cannot be reached now; the sender should try again later. */
public class UnavailableException extends Exception {

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
