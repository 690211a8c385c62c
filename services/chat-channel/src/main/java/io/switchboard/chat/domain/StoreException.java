package io.switchboard.chat.domain;

/** The database could not answer; the caller tells the customer to try again, or the consumer retries. */
public class StoreException extends Exception {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
