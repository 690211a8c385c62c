package io.switchboard.voice.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Digest (RFC 2617, MD5, with or without {@code qop=auth}) for SIP REGISTER (RFC 3261 §22).
 * Nonces are stateless: a timestamp signed with a key made at start, valid for {@link #NONCE_LIFETIME}.
 */
public final class DigestAuth {

    static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private final String realm;
    private final byte[] key = new byte[32];

    public DigestAuth(String realm) {
        this.realm = realm;
        new SecureRandom().nextBytes(key);
    }

    public String realm() {
        return realm;
    }

    public String nonce(Instant now) {
        String time = Long.toString(now.getEpochSecond());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((time + ":" + sign(time)).getBytes(StandardCharsets.UTF_8));
    }

    /** Answers the phone's credentials: the expected response for its nonce, method and URI. */
    public boolean verify(Credentials credentials, String password, String method, Instant now) {
        if (credentials == null || !realm.equals(credentials.realm()) || !fresh(credentials.nonce(), now)) {
            return false;
        }
        String ha1 = md5(credentials.username() + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + credentials.uri());
        String expected = credentials.qop() == null
                ? md5(ha1 + ":" + credentials.nonce() + ":" + ha2)
                : md5(ha1 + ":" + credentials.nonce() + ":" + credentials.nonceCount() + ":" + credentials.cnonce() + ":"
                        + credentials.qop() + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                String.valueOf(credentials.response()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** What an Authorization header carried. {@code nonceCount} is the 8-hex-digit {@code nc}. */
    public record Credentials(String username, String realm, String nonce, String uri, String response, String qop,
            String nonceCount, String cnonce) {
    }

    private boolean fresh(String nonce, Instant now) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.UTF_8).split(":", 2);
            if (parts.length != 2 || !MessageDigest.isEqual(sign(parts[0]).getBytes(StandardCharsets.US_ASCII),
                    parts[1].getBytes(StandardCharsets.US_ASCII))) {
                return false;
            }
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[0]));
            return !issued.isAfter(now.plusSeconds(5)) && issued.plus(NONCE_LIFETIME).isAfter(now);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
