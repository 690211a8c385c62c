package io.switchboard.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

    @Test
    void anAppSignedInThroughKeycloakMayCallItAndNothingFramesIt() {
        ContentSecurityPolicy policy = ContentSecurityPolicy.of(List.of("https://sso.acme.example/auth"), List.of());

        assertThat(policy.header()).isEqualTo(String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' blob: data:",
                "media-src 'self' blob:",
                "font-src 'self' data:",
                "connect-src 'self' https://sso.acme.example",
                "frame-src https://sso.acme.example",
                "form-action 'self' https://sso.acme.example",
                "frame-ancestors 'none'",
                "base-uri 'self'",
                "object-src 'none'"));
        assertThat(policy.unframed()).isTrue();
    }

    @Test
    void originsKeepTheirPortAndLoseTheirPathAndCase() {
        assertThat(ContentSecurityPolicy.origin("http://127.0.0.1:18080")).isEqualTo("http://127.0.0.1:18080");
        assertThat(ContentSecurityPolicy.origin(" HTTPS://Www.Acme-Bank.example:8443/chat/?x=1 "))
                .isEqualTo("https://www.acme-bank.example:8443");
    }

    @Test
    void onlyNamedOriginsMayFrameThePages() {
        ContentSecurityPolicy policy = ContentSecurityPolicy.of(List.of(),
                List.of("https://www.globex.example", "https://www.acme-bank.example"));

        assertThat(policy.header())
                .contains("frame-ancestors https://www.acme-bank.example https://www.globex.example")
                .contains("connect-src 'self';")
                .contains("frame-src 'none'");
        assertThat(policy.unframed()).isFalse();
    }

    @Test
    void aSourceThatIsNotAnHttpUrlIsRefusedAtStart() {
        assertThatThrownBy(() -> ContentSecurityPolicy.origin("sso.acme.example")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sso.acme.example");
        assertThatThrownBy(() -> ContentSecurityPolicy.origin("javascript://x/")).isInstanceOf(IllegalArgumentException.class);
    }
}
