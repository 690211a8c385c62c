package io.switchboard.email.domain;

/** The database or the broker could not take the message now; the sender should try again (SMTP 451). */
public class IngestUnavailableException extends Exception {

    public IngestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
