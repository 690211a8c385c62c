package io.switchboard.social.domain;

import java.time.Instant;

import io.switchboard.events.ContactMessageStatusChanged;
import io.switchboard.events.address.SocialAccount;

/**
 * What a platform reported about a message the company sent: by its id (WhatsApp statuses, Messenger
 * delivery mids) or, for a read watermark, everything sent to {@code recipientId} up to {@code at}.
 */
public record StatusReport(SocialAccount account, String providerMessageId, String recipientId,
        ContactMessageStatusChanged.Status status, Instant at, String providerStatus, String reason, boolean watermark) {
}
