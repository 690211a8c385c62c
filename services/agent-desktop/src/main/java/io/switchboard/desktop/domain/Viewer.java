package io.switchboard.desktop.domain;

import java.util.Set;

/**
 * Who is asking: the signed-in user's id (their Keycloak username, which is their agent id), the
 * tenants they serve and their roles. Every read and command is limited by it.
 */
public record Viewer(String agentId, String name, Set<String> tenants, Set<String> roles) {

    public Viewer {
        tenants = Set.copyOf(tenants);
        roles = Set.copyOf(roles);
    }

    public boolean supervisor() {
        return roles.contains("supervisor") || roles.contains("admin");
    }

    public boolean serves(String tenantId) {
        return tenants.contains(tenantId);
    }

    /** The tenant a presence change is published under: any tenant they serve shares their routing domain. */
    public String homeTenant() {
        return tenants.stream().sorted().findFirst().orElseThrow(() -> new IllegalStateException(agentId + " serves no tenant"));
    }
}
