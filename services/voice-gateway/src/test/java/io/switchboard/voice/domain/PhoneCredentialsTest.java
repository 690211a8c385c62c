package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.DigestAuth.Algorithm.MD5;
import static io.switchboard.voice.domain.DigestAuth.Algorithm.SHA_256;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.PhoneCredentialsConfigured;
import io.switchboard.voice.domain.DigestAuth.Credentials;
import io.switchboard.voice.domain.DigestAuth.Outcome;

/**
 * A phone's REGISTER checked against the HA1 the console published (RFC 7616 §3.4.2: the response is
 * computed from HA1 = MD5(user:realm:password), so the password itself is never needed), the
 * configured password as the fallback, withdrawn credentials and credentials of another realm.
 */
class PhoneCredentialsTest {

    private static final String URI = "sip:127.0.0.1:5060";
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final DigestAuth digest = new DigestAuth("switchboard");
    private final Registrar registrar = new Registrar();
    private final PhoneCredentials phones = new PhoneCredentials("switchboard", Map.of("alice", "alice-phone"), registrar);

    @Test
    void theHa1OfTheRfcsWorkedExampleChecksTheSameResponseAsItsPassword() {
        // RFC 7616 §3.9.1's user in our realm: an HA1 computed by the console answers as the password does.
        String ha1 = DigestAuth.md5("Mufasa:switchboard:Circle of Life");
        String nonce = digest.nonce(now);
        assertThat(digest.checkHa1(answer("Mufasa", "Circle of Life", nonce, "00000001"), ha1, "REGISTER", now))
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.check(answer("Mufasa", "Circle of Life", nonce, "00000002"), "Circle of Life", "REGISTER",
                List.of(MD5), now)).isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.checkHa1(answer("Mufasa", "Circle of life", nonce, "00000003"), ha1, "REGISTER", now))
                .isEqualTo(Outcome.WRONG);
        assertThat(digest.checkHa1(answer("Mufasa", "Circle of Life", nonce, "00000003"), ha1, "REGISTER", now))
                .as("a wrong answer does not use up the nonce count").isEqualTo(Outcome.ACCEPTED);
        assertThat(digest.checkHa1(answer("Mufasa", "Circle of Life", nonce, "00000003"), ha1, "REGISTER", now))
                .as("replayed nc").isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void anHa1AnswersOnlyMd5() {
        String nonce = digest.nonce(now);
        String response = DigestAuth.response(SHA_256, "dora", "switchboard", "dora-secret", "REGISTER", URI, nonce, "00000001", "c1",
                "auth");
        Credentials sha256 = new Credentials("dora", "switchboard", nonce, URI, response, "SHA-256", "auth", "00000001", "c1");
        assertThat(digest.checkHa1(sha256, DigestAuth.md5("dora:switchboard:dora-secret"), "REGISTER", now)).isEqualTo(Outcome.WRONG);
    }

    @Test
    void publishedCredentialsAreCheckedAndWinOverTheConfiguredPassword() {
        phones.apply(credentials("dora", "switchboard", "dora-secret"));
        phones.apply(credentials("alice", "switchboard", "alice-new"));

        assertThat(registers("dora", "dora-secret")).isEqualTo(Outcome.ACCEPTED);
        assertThat(registers("dora", "not-doras")).isEqualTo(Outcome.WRONG);
        assertThat(registers("alice", "alice-new")).isEqualTo(Outcome.ACCEPTED);
        assertThat(registers("alice", "alice-phone")).as("the configured password no longer works").isEqualTo(Outcome.WRONG);
    }

    @Test
    void anAgentWithoutPublishedCredentialsRegistersWithTheConfiguredPassword() {
        assertThat(registers("alice", "alice-phone")).isEqualTo(Outcome.ACCEPTED);
        assertThat(phones.ha1("mallory")).isEmpty();
        assertThat(phones.ha1(null)).isEmpty();
    }

    @Test
    void withdrawnCredentialsShutThePhoneOutAndDropItsRegistration() {
        phones.apply(credentials("alice", "switchboard", "alice-new"));
        registrar.register("alice", "sip:alice@192.0.2.20:5060", now.plusSeconds(300));

        phones.apply(new PhoneCredentialsConfigured(UUID.randomUUID(), "acme-bank", now, "alice", "switchboard", null, false));

        assertThat(registrar.lookup("alice", now)).isEmpty();
        assertThat(phones.ha1("alice")).as("not even the configured password").isEmpty();
    }

    @Test
    void credentialsOfAnotherRealmAreNotOurs() {
        phones.apply(credentials("alice", "other-realm", "alice-elsewhere"));
        assertThat(registers("alice", "alice-phone")).isEqualTo(Outcome.ACCEPTED);
        assertThat(registers("alice", "alice-elsewhere")).isEqualTo(Outcome.WRONG);
    }

    @Test
    void theEventNeverShowsTheHa1() {
        assertThat(credentials("dora", "switchboard", "dora-secret").toString())
                .doesNotContain(DigestAuth.md5("dora:switchboard:dora-secret"));
    }

    private Outcome registers(String agent, String password) {
        return digest.checkHa1(answer(agent, password, digest.nonce(now), "00000001"), phones.ha1(agent).orElse(null), "REGISTER", now);
    }

    private static PhoneCredentialsConfigured credentials(String agent, String realm, String password) {
        return new PhoneCredentialsConfigured(UUID.randomUUID(), "acme-bank", Instant.EPOCH, agent, realm,
                DigestAuth.md5(agent + ":" + realm + ":" + password), true);
    }

    /** What a phone sends: MD5 with qop=auth, from its password. */
    private static Credentials answer(String user, String password, String nonce, String nc) {
        String response = DigestAuth.response(MD5, user, "switchboard", password, "REGISTER", URI, nonce, nc, "0a4f113b", "auth");
        return new Credentials(user, "switchboard", nonce, URI, response, null, "auth", nc, "0a4f113b");
    }
}
