package io.switchboard.email.api;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.email.domain.Reader;
import io.switchboard.service.security.TenantsClaim;

/**
 * The reader a token names, as agent-desktop reads it: the agent id routing uses is the
 * {@code preferred_username} (else the subject); the role {@code supervisor} or {@code admin} supervises.
 */
final class Readers {

    private Readers() {
    }

    static Reader of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new IllegalStateException("the API needs an OIDC access token");
        }
        String username = token.getClaim("preferred_username");
        return new Reader(username != null ? username : token.getSubject(), TenantsClaim.read(token.getClaim(TenantsClaim.NAME)),
                identity.hasRole("supervisor") || identity.hasRole("admin"));
    }
}
