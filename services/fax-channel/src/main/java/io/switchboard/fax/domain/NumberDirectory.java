package io.switchboard.fax.domain;

import java.util.Optional;

/** Port: the tenants' FAX entry points, from the configuration topic. */
public interface NumberDirectory {

    Optional<FaxRoute> route(String e164);

    /** False while the configuration is still being read: an unknown number may still become known. */
    boolean loaded();
}
