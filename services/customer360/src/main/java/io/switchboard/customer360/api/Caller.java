package io.switchboard.customer360.api;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.SignedInUser;

/** Who is calling: their name for the audit, and the tenants they serve, as {@link SignedInUser} reads them. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return user().id();
    }

    public Set<String> tenants() {
        return user().tenants();
    }

    /** The tenant a request is about: the one asked for, which the caller must serve, or their only one. */
    public String tenant(String requested) {
        SignedInUser user = user();
        if (requested == null || requested.isBlank()) {
            if (user.tenants().size() == 1) {
                return user.tenants().iterator().next();
            }
            throw ProblemException.badRequest("you serve " + user.tenants().size() + " tenants: say which with ?tenant=");
        }
        user.requireServes(requested);
        return requested;
    }

    private SignedInUser user() {
        return SignedInUser.of(identity);
    }
}
