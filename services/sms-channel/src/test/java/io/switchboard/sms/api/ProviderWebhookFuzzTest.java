package io.switchboard.sms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.switchboard.service.api.ProblemException;
import io.switchboard.service.webhook.TwilioSignature;
import io.switchboard.sms.domain.VonageSignature;

/**
 * The providers' webhooks before anything is believed: whatever a caller sends, the form reading and
 * the signature checks answer with a result or a 4xx ({@link ProblemException} with a client status),
 * never anything else. An input is a header line (X-Twilio-Signature, Authorization) then the body.
 * Seeds in src/test/resources/.../ProviderWebhookFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ProviderWebhookFuzzTest {

    private static final String AUTH_TOKEN = "twilio-auth-token";
    private static final String URL = "https://sms.example.com/webhooks/twilio/sms";
    private static final String VONAGE_SECRET = "vonage-signature-secret";
    /** The instant the Vonage seeds were signed at (a fixed clock, so a genuine seed stays genuine). */
    static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final int MAX_BODY = 64 * 1024;

    @FuzzTest(maxExecutions = 10_000)
    void twilioFormAndSignature(byte[] request) {
        Request split = Request.of(request);
        Map<String, List<String>> form;
        try {
            form = WebhookRequest.form(split.body(), "application/x-www-form-urlencoded", MAX_BODY);
        } catch (ProblemException refused) {
            assertClientError(refused);
            return;
        }
        form.forEach((name, values) -> {
            assertThat(name).isNotEmpty();
            assertThat(values).isNotEmpty().doesNotContainNull();
        });
        boolean genuine = TwilioSignature.valid(AUTH_TOKEN, URL, form, split.header());
        String expected = TwilioSignature.sign(AUTH_TOKEN, URL, form);
        assertThat(genuine).isEqualTo(expected.equals(split.header().strip()));
        assertThat(TwilioSignature.valid(AUTH_TOKEN, URL, form, expected)).isTrue();
        for (String field : List.of("MessageSid", "SmsSid", "From", "To", "Body", "NumMedia", "MessageStatus")) {
            try {
                WebhookRequest.one(form, field);
                WebhookRequest.required(form, field);
            } catch (ProblemException refused) {
                assertClientError(refused);
            }
        }
    }

    @FuzzTest(maxExecutions = 10_000)
    void vonageJwt(byte[] request) {
        Request split = Request.of(request);
        Optional<String> refused = VonageSignature.check(VONAGE_SECRET, split.header(), split.body(), NOW, Duration.ofMinutes(5));
        refused.ifPresent(reason -> assertThat(reason).isIn("missing", "invalid", "stale"));
        if (refused.isEmpty()) {
            // Only a token signed with the secret over exactly these bytes gets through.
            assertThat(split.header()).startsWithIgnoringCase("Bearer ");
            assertThat(VonageSignature.check("another-secret", split.header(), split.body(), NOW, Duration.ofMinutes(5)))
                    .contains("invalid");
        }
    }

    private static void assertClientError(ProblemException refused) {
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(refused.getMessage()).isNotBlank();
    }

    /** The first line is the header's value, the rest the body (as raw as a provider would send it). */
    record Request(String header, byte[] body) {
        static Request of(byte[] input) {
            int newline = 0;
            while (newline < input.length && input[newline] != '\n') {
                newline++;
            }
            String header = new String(input, 0, newline, StandardCharsets.UTF_8);
            byte[] body = newline < input.length ? Arrays.copyOfRange(input, newline + 1, input.length) : new byte[0];
            return new Request(header, body);
        }
    }
}
