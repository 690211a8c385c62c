package io.switchboard.customer360.domain;

import java.time.Instant;
import java.util.UUID;

/** One customer row: a person as first seen, possibly merged into another (its root). */
public record CustomerRecord(UUID id, String tenantId, UUID rootId, UUID mergedInto, String displayName,
        String language, boolean vip, String notes, Instant createdAt, Instant erasedAt) {

    public boolean isRoot() {
        return id.equals(rootId);
    }
}
