package io.switchboard.campaigns.domain;

import java.time.Instant;

/** A number the tenant must not call, who put it there and when. */
public record DoNotCallEntry(String tenantId, String number, String addedBy, Instant addedAt) {
}
