package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent's SIP phone credentials, as the voice gateway checks a REGISTER's digest (RFC 7616 / 2617):
 * never the password, only {@code ha1} = lower-case hex MD5 of {@code agentId:realm:password}. Published
 * on its own compacted topic that only the console writes and only the voice gateway reads, because an
 * HA1 opens the phone line for anyone who holds it. Withdrawn credentials are published inactive.
 */
public record PhoneCredentialsConfigured(UUID eventId, String tenantId, Instant occurredAt, String agentId, String realm,
        String ha1, boolean active) implements ConfigEvent {

    public PhoneCredentialsConfigured {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(agentId, "agentId");
        Require.present(realm, "realm");
        if (active) {
            Require.present(ha1, "ha1");
            if (!ha1.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("ha1 is 32 lower-case hex digits (an MD5)");
            }
        } else {
            ha1 = null;
        }
    }

    @Override
    public String subject() {
        return "phone:" + agentId;
    }

    /** Credentials without the HA1, for logs. */
    @Override
    public String toString() {
        return "PhoneCredentialsConfigured[agentId=" + agentId + ", realm=" + realm + ", active=" + active + "]";
    }
}
