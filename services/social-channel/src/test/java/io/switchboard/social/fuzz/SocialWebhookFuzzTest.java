package io.switchboard.social.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.switchboard.social.domain.BadPayloadException;
import io.switchboard.social.domain.InboundMessage;
import io.switchboard.social.domain.MetaPayloads;
import io.switchboard.social.domain.Signatures;
import io.switchboard.social.domain.StatusReport;
import io.switchboard.social.domain.TelegramPayloads;
import io.switchboard.social.domain.WebhookBatch;

/**
 * Meta's and Telegram's webhooks as the resources read them: the header check (X-Hub-Signature-256,
 * the bot's secret token) never throws and accepts exactly the right value, and the body, once
 * authenticated, becomes a {@link WebhookBatch} or a {@link BadPayloadException} (400), never anything
 * else. The body is parsed whatever the header says, because a platform's own bugs arrive signed. An
 * input is the header's value on the first line, then the body. {@code JAZZER_FUZZ=1} fuzzes.
 */
class SocialWebhookFuzzTest {

    private static final String APP_SECRET = "meta-app-secret";
    private static final String BOT = "support_bot";
    private static final String BOT_SECRET = "telegram-secret-token";

    @FuzzTest(maxExecutions = 10_000)
    void metaWebhook(byte[] request) {
        String header = header(request);
        byte[] body = body(request);
        boolean genuine = Signatures.metaSignatureValid(APP_SECRET, body, header);
        String expected = Signatures.metaSignature(APP_SECRET, body);
        assertThat(genuine).isEqualTo(header.length() >= 7 && expected.substring(7).equalsIgnoreCase(header.substring(7).trim())
                && header.regionMatches(true, 0, "sha256=", 0, 7));
        assertThat(Signatures.metaSignatureValid(APP_SECRET, body, expected)).isTrue();
        try {
            assertComplete(MetaPayloads.parse(body));
        } catch (BadPayloadException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxExecutions = 10_000)
    void telegramUpdate(byte[] request) {
        String header = header(request);
        byte[] body = body(request);
        assertThat(Signatures.secretTokenMatches(BOT_SECRET, header)).isEqualTo(BOT_SECRET.equals(header));
        try {
            WebhookBatch batch = TelegramPayloads.parse(BOT, body);
            assertComplete(batch);
            assertThat(batch.messages()).allSatisfy(message -> assertThat(message.providerMessageId()).startsWith(BOT + ":"));
        } catch (BadPayloadException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /** What the inbound processor relies on: every message and report names its account, ids and time. */
    private static void assertComplete(WebhookBatch batch) {
        for (InboundMessage message : batch.messages()) {
            assertThat(message.account()).isNotNull();
            assertThat(message.senderId()).isNotNull();
            assertThat(message.providerMessageId()).isNotNull();
            assertThat(message.sentAt()).isNotNull();
            assertThat(message.kind()).isNotNull();
        }
        for (StatusReport status : batch.statuses()) {
            assertThat(status.account()).isNotNull();
            assertThat(status.status()).isNotNull();
            assertThat(status.at()).isNotNull();
        }
        assertThat(batch.skipped()).doesNotContainNull();
    }

    private static String header(byte[] input) {
        return new String(input, 0, newline(input), StandardCharsets.UTF_8);
    }

    private static byte[] body(byte[] input) {
        int newline = newline(input);
        return newline < input.length ? Arrays.copyOfRange(input, newline + 1, input.length) : new byte[0];
    }

    private static int newline(byte[] input) {
        int i = 0;
        while (i < input.length && input[i] != '\n') {
            i++;
        }
        return i;
    }
}
