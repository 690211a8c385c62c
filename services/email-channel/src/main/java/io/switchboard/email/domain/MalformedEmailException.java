package io.switchboard.email.domain;

/** The bytes are not a readable email; SMTP answers 554 and IMAP leaves the message flagged. */
public class MalformedEmailException extends Exception {

    public MalformedEmailException(String message, Throwable cause) {
        super(message, cause);
    }
}
