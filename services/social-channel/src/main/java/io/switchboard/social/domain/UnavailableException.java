package io.switchboard.social.domain;

/** The store or the broker could not take the message now; the platform is told to retry (503). */
public class UnavailableException extends Exception {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
