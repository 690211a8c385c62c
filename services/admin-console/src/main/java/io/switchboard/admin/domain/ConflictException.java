package io.switchboard.admin.domain;

/** A change that the current state refuses (a skill still in use, an address another entry point owns): answered 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
