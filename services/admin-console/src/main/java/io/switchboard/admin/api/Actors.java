package io.switchboard.admin.api;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.admin.domain.Actor;
import io.switchboard.service.security.TenantsClaim;

/** Reads who is asking from their verified token: the username, the tenants claim and the realm roles. */
final class Actors {

    private Actors() {
    }

    static Actor of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new IllegalStateException("the console needs an OIDC access token");
        }
        String username = token.getClaim("preferred_username");
        return new Actor(username != null ? username : token.getSubject(), TenantsClaim.read(token.getClaim(TenantsClaim.NAME)),
                identity.getRoles());
    }
}
