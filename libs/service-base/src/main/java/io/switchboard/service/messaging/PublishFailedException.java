package io.switchboard.service.messaging;

/** The broker did not acknowledge every event in time: nothing may be answered as sent, and the work may be tried again. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
