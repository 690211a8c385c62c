package io.switchboard.desktop.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.desktop.domain.Viewer;
import io.switchboard.service.security.SignedInUser;

/** Who is asking, from a verified identity: the username is the agent id, tenants and roles come from the token. */
final class Viewers {

    private Viewers() {
    }

    static Viewer of(SecurityIdentity identity) {
        SignedInUser user = SignedInUser.of(identity);
        return new Viewer(user.id(), user.displayName(), user.tenants(), user.roles());
    }
}
