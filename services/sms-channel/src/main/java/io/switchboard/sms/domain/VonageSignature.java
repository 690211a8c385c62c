package io.switchboard.sms.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vonage's signed webhooks (Messages API): {@code Authorization: Bearer <JWT>}, the JWT signed HS256
 * with the account's signature secret, its claims carrying {@code iat} (issued at, seconds) and
 * {@code payload_hash} (hex SHA-256 of the raw request body). A webhook is genuine when the HMAC
 * matches, the body hashes to {@code payload_hash}, and {@code iat} is recent (a captured request
 * cannot be replayed later).
 */
public final class VonageSignature {

    private static final Pattern IAT = Pattern.compile("\"iat\"\\s*:\\s*(\\d{1,12})");
    private static final Pattern PAYLOAD_HASH = Pattern.compile("\"payload_hash\"\\s*:\\s*\"([0-9a-fA-F]{64})\"");
    private static final Pattern ALG_HS256 = Pattern.compile("\"alg\"\\s*:\\s*\"HS256\"");

    private VonageSignature() {
    }

    /** Why a webhook is refused, or empty when it is genuine. */
    public static Optional<String> check(String secret, String authorization, byte[] body, Instant now, Duration maxAge) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of("missing");
        }
        String[] parts = authorization.substring(7).strip().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("invalid");
        }
        String header;
        String claims;
        byte[] signature;
        try {
            header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid");
        }
        if (!ALG_HS256.matcher(header).find()) {
            return Optional.of("invalid");
        }
        byte[] expected = hmac(secret, parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, signature)) {
            return Optional.of("invalid");
        }
        Matcher hash = PAYLOAD_HASH.matcher(claims);
        if (!hash.find() || !hash.group(1).equalsIgnoreCase(sha256Hex(body))) {
            return Optional.of("invalid");
        }
        Matcher iat = IAT.matcher(claims);
        if (!iat.find()) {
            return Optional.of("invalid");
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(iat.group(1)));
        if (issued.isBefore(now.minus(maxAge)) || issued.isAfter(now.plus(Duration.ofMinutes(1)))) {
            return Optional.of("stale");
        }
        return Optional.empty();
    }

    /** A token as Vonage would send it (for tests and the local simulator). */
    public static String sign(String secret, byte[] body, Instant issuedAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iat\":" + issuedAt.getEpochSecond() + ",\"jti\":\"" + java.util.UUID.randomUUID()
                + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + sha256Hex(body) + "\",\"api_key\":\"local\",\"application_id\":\"local\"}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(hmac(secret, header + "." + claims));
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
