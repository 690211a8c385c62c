package io.switchboard.voice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RFC 2617 digest as phones compute it, with and without qop, and nonces that expire or are forged. */
class DigestAuthTest {

    private final DigestAuth digest = new DigestAuth("switchboard");
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aPhoneThatKnowsThePasswordIsAccepted() {
        String nonce = digest.nonce(now);
        String uri = "sip:127.0.0.1:5080";
        String ha1 = DigestAuth.md5("alice:switchboard:secret");
        String ha2 = DigestAuth.md5("REGISTER:" + uri);
        String plain = DigestAuth.md5(ha1 + ":" + nonce + ":" + ha2);
        assertThat(digest.verify(new DigestAuth.Credentials("alice", "switchboard", nonce, uri, plain, null, null, null), "secret",
                "REGISTER", now)).isTrue();
        String withQop = DigestAuth.md5(ha1 + ":" + nonce + ":00000001:abc:auth:" + ha2);
        assertThat(digest.verify(new DigestAuth.Credentials("alice", "switchboard", nonce, uri, withQop, "auth", "00000001", "abc"),
                "secret", "REGISTER", now)).isTrue();
        assertThat(digest.verify(new DigestAuth.Credentials("alice", "switchboard", nonce, uri, plain, null, null, null), "wrong",
                "REGISTER", now)).isFalse();
    }

    @Test
    void staleForgedOrForeignNoncesAreRefused() {
        String uri = "sip:gw";
        String nonce = digest.nonce(now);
        String response = DigestAuth.md5(DigestAuth.md5("alice:switchboard:secret") + ":" + nonce + ":" + DigestAuth.md5("REGISTER:" + uri));
        var credentials = new DigestAuth.Credentials("alice", "switchboard", nonce, uri, response, null, null, null);
        assertThat(digest.verify(credentials, "secret", "REGISTER", now.plus(DigestAuth.NONCE_LIFETIME).plusSeconds(1))).isFalse();
        String foreign = new DigestAuth("switchboard").nonce(now);
        assertThat(digest.verify(new DigestAuth.Credentials("alice", "switchboard", foreign, uri, response, null, null, null), "secret",
                "REGISTER", now)).isFalse();
        assertThat(digest.verify(new DigestAuth.Credentials("alice", "other-realm", nonce, uri, response, null, null, null), "secret",
                "REGISTER", now)).isFalse();
        assertThat(digest.verify(new DigestAuth.Credentials("alice", "switchboard", "!!not-base64!!", uri, response, null, null, null),
                "secret", "REGISTER", now)).isFalse();
    }
}
