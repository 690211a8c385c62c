package io.switchboard.voice.domain.port;

/** A request of ours could not be built or sent. */
public final class SignallingException extends RuntimeException {

    public SignallingException(String message, Throwable cause) {
        super(message, cause);
    }
}
