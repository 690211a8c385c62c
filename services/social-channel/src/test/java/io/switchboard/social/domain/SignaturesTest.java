package io.switchboard.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final byte[] BODY = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureOverTheRawBytesWithTheAppSecretIsAccepted() {
        // openssl dgst -sha256 -hmac secret, as bin/meta-sign computes it
        String header = Signatures.metaSignature("secret", BODY);
        assertThat(header).startsWith("sha256=").hasSize(7 + 64);
        assertThat(Signatures.metaSignatureValid("secret", BODY, header)).isTrue();
        assertThat(Signatures.metaSignatureValid("secret", BODY, header.toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    }

    @Test
    void tamperedReserialisedWrongSecretMissingOrMalformedSignaturesAreRefused() {
        String header = Signatures.metaSignature("secret", BODY);
        byte[] tampered = "{\"object\":\"page\",\"entry\":[1]}".getBytes(StandardCharsets.UTF_8);
        byte[] reserialised = "{ \"object\": \"page\", \"entry\": [] }".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.metaSignatureValid("secret", tampered, header)).isFalse();
        assertThat(Signatures.metaSignatureValid("secret", reserialised, header)).isFalse();
        assertThat(Signatures.metaSignatureValid("other", BODY, header)).isFalse();
        assertThat(Signatures.metaSignatureValid("secret", BODY, null)).isFalse();
        assertThat(Signatures.metaSignatureValid("secret", BODY, "sha1=" + header.substring(7))).isFalse();
        assertThat(Signatures.metaSignatureValid("secret", BODY, "sha256=zz")).isFalse();
        assertThat(Signatures.metaSignatureValid("secret", BODY, header.substring(0, 20))).isFalse();
    }

    @Test
    void telegramSecretTokensMustMatchExactly() {
        assertThat(Signatures.secretTokenMatches("local-telegram-secret", "local-telegram-secret")).isTrue();
        assertThat(Signatures.secretTokenMatches("local-telegram-secret", "local-telegram-secreT")).isFalse();
        assertThat(Signatures.secretTokenMatches("local-telegram-secret", null)).isFalse();
        assertThat(Signatures.secretTokenMatches("", "")).isFalse();
    }
}
