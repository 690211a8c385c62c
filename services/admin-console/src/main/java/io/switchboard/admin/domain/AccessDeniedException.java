package io.switchboard.admin.domain;

/** The caller's role or tenants do not cover what they asked for: answered 403. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
