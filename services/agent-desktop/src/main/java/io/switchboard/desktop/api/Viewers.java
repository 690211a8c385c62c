package io.switchboard.desktop.api;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.desktop.domain.Viewer;
import io.switchboard.service.security.TenantsClaim;

/** Reads who is asking from a verified identity: the username is the agent id, tenants come from the token. */
final class Viewers {

    private Viewers() {
    }

    static Viewer of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new IllegalStateException("the desktop needs an OIDC access token");
        }
        String username = token.getClaim("preferred_username");
        String name = token.getClaim("name");
        return new Viewer(username != null ? username : token.getSubject(), name != null ? name : username,
                TenantsClaim.read(token.getClaim(TenantsClaim.NAME)), Set.copyOf(identity.getRoles()));
    }
}
