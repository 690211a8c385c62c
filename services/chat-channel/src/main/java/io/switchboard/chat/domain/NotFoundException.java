package io.switchboard.chat.domain;

/** No such conversation, or none the reader may see: the API answers 404 either way, so it confirms nothing. */
public class NotFoundException extends Exception {

    public NotFoundException(String message) {
        super(message);
    }
}
