package io.switchboard.email.domain;

/** No such message, thread or file, or none the reader may see: the API answers 404 either way. */
public class NotFoundException extends Exception {

    public NotFoundException(String message) {
        super(message);
    }
}
