package io.switchboard.email.domain;

import java.time.Duration;

/** What the email rules need from the configuration ({@code switchboard.email.*}), as plain values. */
public record EmailSettings(String publicUrl, long attachmentMaxBytes, Duration publishTimeout, int outboundMaxAttempts,
        Duration outboundRetryDelay) {
}
