package io.switchboard.voice.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.switchboard.events.PhoneCredentialsConfigured;

/**
 * What an agent's phone answers a REGISTER challenge with, as the digest HA1 of our realm: the
 * credentials the console published ({@code switchboard.phone-credentials.v1}), else the password of
 * the gateway's own configuration. Withdrawn credentials (published inactive) shut the phone out, even
 * with a configured password, and drop its registration. Credentials of another realm are not ours
 * and are ignored. An HA1 opens the phone line: it is never logged.
 */
public final class PhoneCredentials {

    private static final Logger LOG = Logger.getLogger(PhoneCredentials.class);

    /** The console's word on one agent: an HA1 to check, or withdrawn (empty), and the tenant the phone's user belongs to. */
    private record Published(Optional<String> ha1, String tenantId) {
    }

    private final String realm;
    private final Map<String, String> configuredPasswords;
    private final Registrar registrar;
    private final Map<String, Published> published = new ConcurrentHashMap<>();

    /**
     * @param realm               our digest realm
     * @param configuredPasswords agent id to password from the gateway's configuration (the fallback)
     */
    public PhoneCredentials(String realm, Map<String, String> configuredPasswords, Registrar registrar) {
        this.realm = realm;
        this.configuredPasswords = Map.copyOf(configuredPasswords);
        this.registrar = registrar;
    }

    public void apply(PhoneCredentialsConfigured credentials) {
        if (!credentials.active()) {
            published.put(credentials.agentId(), new Published(Optional.empty(), credentials.tenantId()));
            registrar.unregister(credentials.agentId());
            LOG.infof("phone credentials of %s withdrawn: the phone is unregistered and cannot register", credentials.agentId());
        } else if (!realm.equals(credentials.realm())) {
            published.remove(credentials.agentId());
            LOG.warnf("phone credentials of %s are for realm '%s', not this gateway's '%s': ignored", credentials.agentId(),
                    credentials.realm(), realm);
        } else {
            published.put(credentials.agentId(), new Published(Optional.of(credentials.ha1()), credentials.tenantId()));
            LOG.infof("phone credentials of %s updated", credentials.agentId());
        }
    }

    /**
     * The tenant of the user whose phone this is, as the console published it with the phone's active
     * credentials; empty for withdrawn credentials and for phones of the gateway's own configuration.
     */
    public Optional<String> tenant(String agentId) {
        Published console = agentId == null ? null : published.get(agentId);
        return console == null || console.ha1().isEmpty() ? Optional.empty() : Optional.of(console.tenantId());
    }

    /** The HA1 the agent's REGISTER is checked against; empty when the agent may not register. */
    public Optional<String> ha1(String agentId) {
        if (agentId == null) {
            return Optional.empty();
        }
        Published console = published.get(agentId);
        if (console != null) {
            return console.ha1();
        }
        return Optional.ofNullable(configuredPasswords.get(agentId)).map(password -> DigestAuth.md5(agentId + ":" + realm + ":" + password));
    }
}
