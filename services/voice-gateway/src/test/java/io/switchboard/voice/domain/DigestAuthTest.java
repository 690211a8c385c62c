package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.DigestAuth.Algorithm.MD5;
import static io.switchboard.voice.domain.DigestAuth.Algorithm.SHA_256;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.voice.domain.DigestAuth.Algorithm;
import io.switchboard.voice.domain.DigestAuth.Credentials;
import io.switchboard.voice.domain.DigestAuth.Outcome;

/**
 * Digest as RFC 7616 computes it (its worked example), as phones and trunks answer our challenges,
 * and the nonces we refuse: expired (stale), forged, foreign, and replayed nonce counts.
 */
class DigestAuthTest {

    private static final List<Algorithm> BOTH = List.of(SHA_256, MD5);
    private final DigestAuth digest = new DigestAuth("switchboard");
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void theWorkedExampleOfRfc7616() {
        // The nonce as RFC 7616 prints it (the brief for issue 14 had it wrong: "...URrFzsZnCGHpfsV6S7h16vuc").
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(DigestAuth.response(SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", nonce,
                "00000001", cnonce, "auth")).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(DigestAuth.response(MD5, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", nonce,
                "00000001", cnonce, "auth")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void oneNonceIsChallengedWithSha256FirstThenMd5AndEitherAnswerIsAccepted() {
        List<DigestAuth.Challenge> challenges = digest.challenges(BOTH, false, now);
        assertThat(challenges).extracting(DigestAuth.Challenge::algorithm).containsExactly(SHA_256, MD5);
        String nonce = challenges.get(0).nonce();
        assertThat(challenges.get(1).nonce()).isEqualTo(nonce);
        assertThat(digest.check(answer(SHA_256, nonce, "00000001", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.check(answer(MD5, nonce, "00000002", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.check(answer(SHA_256, nonce, "00000003", "wrong"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.WRONG);
        assertThat(digest.check(answer(MD5, nonce, "00000004", "secret"), "secret", "INVITE", List.of(SHA_256), now))
                .as("an algorithm the trunk is not configured for").isEqualTo(Outcome.WRONG);
    }

    @Test
    void aNonceCountNotAboveTheLastAcceptedIsAReplay() {
        String nonce = digest.nonce(now);
        assertThat(digest.check(answer(SHA_256, nonce, "00000001", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.check(answer(SHA_256, nonce, "00000001", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.REPLAYED);
        assertThat(digest.check(answer(SHA_256, nonce, "00000005", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.check(answer(MD5, nonce, "00000003", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.REPLAYED);

        String once = digest.nonce(now);
        String plain = DigestAuth.response(MD5, "alice", "switchboard", "secret", "REGISTER", "sip:gw", once, null, null, null);
        Credentials withoutQop = new Credentials("alice", "switchboard", once, "sip:gw", plain, null, null, null, null);
        assertThat(digest.check(withoutQop, "secret", "REGISTER", List.of(MD5), now)).isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.check(withoutQop, "secret", "REGISTER", List.of(MD5), now)).as("without qop a nonce serves once")
                .isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void rightCredentialsOnAnExpiredNonceAreStaleAndForgedOrForeignNoncesAreWrong() {
        String nonce = digest.nonce(now);
        Instant later = now.plus(DigestAuth.NONCE_LIFETIME).plusSeconds(1);
        assertThat(digest.check(answer(SHA_256, nonce, "00000001", "secret"), "secret", "INVITE", BOTH, later)).isEqualTo(Outcome.STALE);
        assertThat(digest.check(answer(SHA_256, nonce, "00000001", "wrong"), "secret", "INVITE", BOTH, later)).isEqualTo(Outcome.WRONG);

        String foreign = new DigestAuth("switchboard").nonce(now);
        assertThat(digest.check(answer(SHA_256, foreign, "00000001", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.WRONG);
        assertThat(digest.check(answer(SHA_256, "!!not-base64!!", "00000001", "secret"), "secret", "INVITE", BOTH, now))
                .isEqualTo(Outcome.WRONG);
        String future = digest.nonce(now.plusSeconds(60));
        assertThat(digest.check(answer(SHA_256, future, "00000001", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.WRONG);
        Credentials otherRealm = new Credentials("trunk", "other-realm", nonce, "sip:gw", "x", "SHA-256", "auth", "00000001", "c");
        assertThat(digest.check(otherRealm, "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.WRONG);
    }

    @Test
    void nonceCountsAreForgottenWhenTheirNonceExpires() {
        for (int i = 0; i < 10; i++) {
            String nonce = digest.nonce(now);
            assertThat(digest.check(answer(MD5, nonce, "00000001", "secret"), "secret", "INVITE", BOTH, now)).isEqualTo(Outcome.ACCEPTED);
        }
        Instant later = now.plus(DigestAuth.NONCE_LIFETIME).plusSeconds(1);
        String fresh = digest.nonce(later);
        assertThat(digest.check(answer(MD5, fresh, "00000001", "secret"), "secret", "INVITE", BOTH, later)).isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.trackedNonces()).as("the ten expired nonces are gone").isEqualTo(1);
    }

    private static Credentials answer(Algorithm algorithm, String nonce, String nc, String password) {
        String uri = "sip:+442079460000@127.0.0.1:5060";
        String response = DigestAuth.response(algorithm, "trunk", "switchboard", password, "INVITE", uri, nonce, nc, "0a4f113b", "auth");
        return new Credentials("trunk", "switchboard", nonce, uri, response, algorithm.token(), "auth", nc, "0a4f113b");
    }
}
