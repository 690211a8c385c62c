package io.switchboard.admin.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An agent's SIP phone credentials as stored and published: the digest HA1, never the password.
 *
 * @param tenantId the tenant that administers the agent
 */
public record PhoneCredentials(String agentId, String tenantId, String realm, String ha1, Instant updatedAt) {

    /** HA1 of RFC 7616 / 2617 digest with MD5: hex MD5 of {@code username:realm:password}; phones still only speak MD5. */
    public static String ha1(String agentId, String realm, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((agentId + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** What the audit log and the API show: never the HA1. */
    public record Status(String agentId, String realm, Instant updatedAt) {
    }

    public Status status() {
        return new Status(agentId, realm, updatedAt);
    }
}
