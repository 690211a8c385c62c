package io.switchboard.service.security;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.service.api.ProblemException;

/**
 * Who is asking, as every service reads it from a verified OIDC access token: the id routing and the
 * desktops use for an agent is the {@code preferred_username} (else the subject), the display name is
 * the {@code name} claim (else that id), the tenants come from {@link TenantsClaim}, the roles from the
 * realm.
 */
public record SignedInUser(String id, String displayName, Set<String> tenants, Set<String> roles) {

    public SignedInUser {
        // In the token's order, so lists built from them read the same on every request.
        tenants = Collections.unmodifiableSet(new LinkedHashSet<>(tenants));
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    }

    /** @throws IllegalStateException when the identity did not come from an OIDC token (a wiring mistake, not a caller's) */
    public static SignedInUser of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new IllegalStateException("the API needs an OIDC access token");
        }
        String username = token.getClaim("preferred_username");
        String id = username != null ? username : token.getSubject();
        String name = token.getClaim("name");
        return new SignedInUser(id, name != null ? name : id, TenantsClaim.read(token.getClaim(TenantsClaim.NAME)),
                identity.getRoles());
    }

    /** Supervisors and admins see beyond their own contacts. */
    public boolean supervises() {
        return roles.contains("supervisor") || roles.contains("admin");
    }

    public boolean serves(String tenant) {
        return tenant != null && tenants.contains(tenant);
    }

    /**
     * Refuses with 403 a tenant the user does not serve, where the tenant itself is what they named; where
     * they named a thing of another tenant, answer 404 instead, as if it did not exist.
     */
    public void requireServes(String tenant) {
        if (!serves(tenant)) {
            throw new ProblemException(403, "Forbidden", "you do not serve tenant " + tenant);
        }
    }
}
