package io.switchboard.admin.domain;

/** Keycloak did not answer or refused the console's own credentials: answered 503, and nothing was changed. */
public class IdentityUnavailableException extends RuntimeException {

    public IdentityUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
