package io.switchboard.admin.domain;

/** The tenant, queue, skill, entry point or agent named does not exist: answered 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
