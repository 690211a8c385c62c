package io.switchboard.admin.domain;

import java.util.Set;

/**
 * Who asks, from their verified token: an {@code admin} changes the tenants of their token's
 * tenants claim, a {@code supervisor} reads them, nobody else sees anything. The console checks
 * this on every call, so an id guessed in a URL or slipped into a body meets the same rule.
 */
public record Actor(String username, Set<String> tenants, Set<String> roles) {

    public Actor {
        tenants = Set.copyOf(tenants);
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    public boolean canRead(String tenantId) {
        return (isAdmin() || roles.contains("supervisor")) && tenants.contains(tenantId);
    }

    public boolean canWrite(String tenantId) {
        return isAdmin() && tenants.contains(tenantId);
    }

    public void requireRead(String tenantId) {
        if (!canRead(tenantId)) {
            throw new AccessDeniedException("you may not read the configuration of tenant '" + tenantId + "'");
        }
    }

    public void requireWrite(String tenantId) {
        if (!canWrite(tenantId)) {
            throw new AccessDeniedException("you may not change the configuration of tenant '" + tenantId + "'");
        }
    }
}
