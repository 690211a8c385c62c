package io.switchboard.admin.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The admin console's settings ({@code switchboard.admin.*}). */
@ConfigMapping(prefix = "switchboard.admin")
public interface AdminConfig {

    /** How long a change waits for the broker to acknowledge its events before they are left to the relay's retry. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How often the relay retries what is left in the outbox. */
    @WithDefault("2s")
    String outboxInterval();

    /** How often Keycloak's users are compared with the published agents (changes made in Keycloak's own console). */
    @WithDefault("10s")
    String reconcileInterval();

    /** The realm whose users are the agents. */
    @WithDefault("switchboard")
    String realm();

    /**
     * The voice gateway's SIP digest realm ({@code switchboard.voice.sip.realm}): phone passwords are
     * kept as HA1s bound to it, so both must name the same realm.
     */
    @WithDefault("switchboard")
    String sipRealm();

    /** The keycloak-js settings the web app reads from /api/config. */
    Browser browser();

    interface Browser {

        @WithDefault("http://127.0.0.1:18080")
        String keycloakUrl();

        @WithDefault("switchboard")
        String realm();

        @WithDefault("switchboard-desktop")
        String clientId();
    }
}
