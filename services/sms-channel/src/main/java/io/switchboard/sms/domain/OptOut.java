package io.switchboard.sms.domain;

import java.time.Instant;

/** A number's consent for one tenant: the keyword that last changed it, and when. */
public record OptOut(String tenantId, String number, boolean optedOut, String keyword, Instant changedAt) {
}
