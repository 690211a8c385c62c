package io.switchboard.social.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhook authentication, always compared in constant time. */
public final class Signatures {

    private static final String PREFIX = "sha256=";

    private Signatures() {
    }

    /**
     * True when {@code header} is {@code sha256=} and the hex HMAC-SHA256 of exactly these bytes with
     * the app secret (Meta's X-Hub-Signature-256). The body is never parsed before this holds.
     */
    public static boolean metaSignatureValid(String appSecret, byte[] rawBody, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(appSecret, rawBody), given);
    }

    /** The header value Meta would send for these bytes (tests, the signing helper's twin). */
    public static String metaSignature(String appSecret, byte[] rawBody) {
        return PREFIX + HexFormat.of().formatHex(hmacSha256(appSecret, rawBody));
    }

    /** Telegram's X-Telegram-Bot-Api-Secret-Token against the bot's configured secret. */
    public static boolean secretTokenMatches(String expected, String given) {
        if (expected == null || expected.isEmpty() || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
