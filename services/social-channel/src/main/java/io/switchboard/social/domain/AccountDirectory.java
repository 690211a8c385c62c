package io.switchboard.social.domain;

import java.util.Optional;

import io.switchboard.events.address.SocialAccount;

/** Port: the tenants' SOCIAL entry points, from the configuration topic. */
public interface AccountDirectory {

    Optional<Route> lookup(SocialAccount account);

    /** False until the tenants' configuration has been read: an unknown account may still become known. */
    boolean loaded();
}
