package io.switchboard.fax.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.fax.domain.Reader;
import io.switchboard.service.security.SignedInUser;

/** The reader a token names, as {@link SignedInUser} reads every service's caller. */
final class Readers {

    private Readers() {
    }

    static Reader of(SecurityIdentity identity) {
        SignedInUser user = SignedInUser.of(identity);
        return new Reader(user.id(), user.tenants(), user.supervises());
    }
}
