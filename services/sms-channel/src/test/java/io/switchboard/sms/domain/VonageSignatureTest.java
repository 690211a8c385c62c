package io.switchboard.sms.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Vonage's signed webhooks: an HS256 JWT over the claims, the body's SHA-256 in payload_hash, a recent iat. */
class VonageSignatureTest {

    private static final String SECRET = "vonage-signature-secret";
    private static final byte[] BODY = "{\"message_uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"text\":\"Hello\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final Duration AGE = Duration.ofMinutes(5);

    @Test
    void aFreshTokenOverTheBodyIsGenuine() {
        String token = VonageSignature.sign(SECRET, BODY, NOW.minusSeconds(10));
        assertThat(VonageSignature.check(SECRET, "Bearer " + token, BODY, NOW, AGE)).isEmpty();
    }

    @Test
    void theBodyHashIsTheSha256OfTheRawBody() {
        assertThat(VonageSignature.sha256Hex("".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aTamperedBodyAnotherSecretOrAChangedClaimIsRefused() {
        String token = VonageSignature.sign(SECRET, BODY, NOW);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("Hello", "Hellp").getBytes(StandardCharsets.UTF_8);
        assertThat(VonageSignature.check(SECRET, "Bearer " + token, tampered, NOW, AGE)).contains("invalid");
        assertThat(VonageSignature.check("other", "Bearer " + token, BODY, NOW, AGE)).contains("invalid");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"iss\":\"Vonage\"", "\"iss\":\"Eve\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(VonageSignature.check(SECRET, "Bearer " + forged, BODY, NOW, AGE)).contains("invalid");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = VonageSignature.sign(SECRET, BODY, NOW).split("\\.")[1];
        assertThat(VonageSignature.check(SECRET, "Bearer " + header + "." + claims + ".", BODY, NOW, AGE)).contains("invalid");
    }

    @Test
    void anOldTokenIsAReplayAndRefused() {
        String token = VonageSignature.sign(SECRET, BODY, NOW.minus(Duration.ofMinutes(6)));
        assertThat(VonageSignature.check(SECRET, "Bearer " + token, BODY, NOW, AGE)).contains("stale");
        String future = VonageSignature.sign(SECRET, BODY, NOW.plus(Duration.ofMinutes(10)));
        assertThat(VonageSignature.check(SECRET, "Bearer " + future, BODY, NOW, AGE)).contains("stale");
    }

    @Test
    void missingOrMalformedAuthorizationIsRefused() {
        assertThat(VonageSignature.check(SECRET, null, BODY, NOW, AGE)).contains("missing");
        assertThat(VonageSignature.check(SECRET, "Basic abc", BODY, NOW, AGE)).contains("missing");
        assertThat(VonageSignature.check(SECRET, "Bearer not.a.jwt!", BODY, NOW, AGE)).contains("invalid");
        assertThat(VonageSignature.check(SECRET, "Bearer onlyonepart", BODY, NOW, AGE)).contains("invalid");
    }
}
