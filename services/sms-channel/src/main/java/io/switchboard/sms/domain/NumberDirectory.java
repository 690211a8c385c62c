package io.switchboard.sms.domain;

import java.util.Optional;

/** Port: the tenants' SMS entry points, from the configuration topic. */
public interface NumberDirectory {

    /** The route of an E.164 number, if it is some tenant's SMS entry point. */
    Optional<NumberRoute> route(String e164);

    /** False until the tenants' configuration has been read: an unknown number may still become known. */
    boolean loaded();
}
