package io.switchboard.admin.domain;

/**
 * One line of the audit log: who changed which configuration of a tenant, and the value before and
 * after (null before a creation and after a deletion).
 */
public record AuditEntry(String tenantId, String actor, String action, String entityType, String entityId, Object before,
        Object after) {

    public static AuditEntry of(Actor actor, String tenantId, String entityType, String entityId, Object before, Object after) {
        String action = before == null ? "CREATE" : after == null ? "DELETE" : "UPDATE";
        return new AuditEntry(tenantId, actor.username(), action, entityType, entityId, before, after);
    }
}
