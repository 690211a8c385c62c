package io.switchboard.customer360.api;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.TenantsClaim;

/**
 * Who is calling: their name for the audit, and the tenants they serve, from the access token's
 * {@code tenants} claim (a Keycloak user attribute, see deploy/keycloak).
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public String name() {
        String username = token.getClaim("preferred_username");
        return username != null ? username : identity.getPrincipal().getName();
    }

    public Set<String> tenants() {
        return TenantsClaim.read(token.getClaim(TenantsClaim.NAME));
    }

    /** The tenant a request is about: the one asked for, which the caller must serve, or their only one. */
    public String tenant(String requested) {
        Set<String> tenants = tenants();
        if (requested == null || requested.isBlank()) {
            if (tenants.size() == 1) {
                return tenants.iterator().next();
            }
            throw ProblemException.badRequest("you serve " + tenants.size() + " tenants: say which with ?tenant=");
        }
        if (!tenants.contains(requested)) {
            throw new ProblemException(403, "Forbidden", "you do not serve tenant " + requested);
        }
        return requested;
    }
}
