package io.switchboard.chat.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token a widget keeps to resume its conversation after a reload or a lost network:
 * {@code base64url(contactId|widgetId|expiry).base64url(HMAC-SHA256)}. It proves which conversation
 * the browser started, so a guessed contact id is worth nothing without the server's key.
 */
public final class ConversationToken {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public ConversationToken(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public record Claims(String contactId, String widgetId, Instant expiresAt) {
    }

    public String sign(Claims claims) {
        String payload = ENCODER.encodeToString((claims.contactId() + "|" + claims.widgetId() + "|"
                + claims.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The claims of a token this server signed that has not expired, for this widget; else empty. */
    public Optional<Claims> verify(String token, String widgetId, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            String payload = token.substring(0, dot);
            if (!MessageDigest.isEqual(mac(payload), DECODER.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|");
            Claims claims = new Claims(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])));
            return claims.widgetId().equals(widgetId) && claims.expiresAt().isAfter(now) ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
