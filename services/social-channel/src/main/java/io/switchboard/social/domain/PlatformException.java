package io.switchboard.social.domain;

import java.time.Duration;

/**
 * A platform refused a call. {@code retryable} for rate limits and outages (the platform's
 * retry_after in {@code retryAfter} when it gave one); otherwise sending again cannot help.
 *
 * @param code the platform's error code (Graph's error.code, Telegram's error_code, or the HTTP status)
 */
public class PlatformException extends Exception {

    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    public PlatformException(String code, String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
