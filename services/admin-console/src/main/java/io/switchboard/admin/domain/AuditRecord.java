package io.switchboard.admin.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** An audit line as read back: who changed what in a tenant, when, and the values before and after. */
public record AuditRecord(long id, Instant at, String actor, String action, String entityType, String entityId, JsonNode before,
        JsonNode after) {
}
