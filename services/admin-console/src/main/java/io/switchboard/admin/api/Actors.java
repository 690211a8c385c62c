package io.switchboard.admin.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.admin.domain.Actor;
import io.switchboard.service.security.SignedInUser;

/** Who is asking, from their verified token: the username, the tenants claim and the realm roles. */
final class Actors {

    private Actors() {
    }

    static Actor of(SecurityIdentity identity) {
        SignedInUser user = SignedInUser.of(identity);
        return new Actor(user.id(), user.tenants(), user.roles());
    }
}
