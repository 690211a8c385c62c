package io.switchboard.voice.domain.port;

/** No media port is free (or none could be opened): the call or leg cannot have audio. */
public final class MediaUnavailableException extends RuntimeException {

    public MediaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
