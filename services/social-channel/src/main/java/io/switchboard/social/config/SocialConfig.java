package io.switchboard.social.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.service.webhook.WebhookRateConfig;

/**
 * The social channel's configuration ({@code switchboard.social.*}). The secrets have no defaults:
 * production refuses to start until the environment supplies them (the local platform's live in
 * deploy/local/config/social-channel.env, the tests' in the %test profile).
 */
@ConfigMapping(prefix = "switchboard.social")
public interface SocialConfig {

    /** Where attachment links in events point (the service's public base URL). */
    @WithDefault("http://127.0.0.1:8088")
    String publicUrl();

    /** How long a webhook waits for Kafka's acknowledgement before answering 503 (the platform retries). */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Stored messages whose events were not acknowledged after this long are published by the sweeper. */
    @WithDefault("30s")
    Duration sweepAfter();

    /** How often the sweeper looks for such messages. */
    @WithDefault("10s")
    Duration sweepEvery();

    /** Webhook bodies larger than this are refused with 413 before they are parsed. */
    @WithDefault("262144")
    int maxBodyBytes();

    /** Webhooks per source address: over the budget, 429 with Retry-After before anything is read (docs/operations.md#rate-limits). */
    WebhookRateConfig webhookRate();

    Meta meta();

    Telegram telegram();

    Media media();

    Outbound outbound();

    /**
     * The tenants' approved WhatsApp templates as JSON: {@code {"acme-bank":[{"name":"account_update",
     * "language":"en","text":"Hello {{1}}, ..."}]}}. One value, so it travels as one environment variable.
     */
    @WithDefault("{}")
    String templates();

    interface Meta {
        /** The Meta app's secret: X-Hub-Signature-256 is an HMAC-SHA256 of the raw body with it. */
        String appSecret();

        /** What the webhook subscription's verification handshake must present as hub.verify_token. */
        String verifyToken();

        /** The Graph API access token (a system user's token with whatsapp_business_messaging and pages_messaging). */
        String accessToken();

        @WithDefault("https://graph.facebook.com")
        String graphApiBaseUrl();

        @WithDefault("v21.0")
        String graphApiVersion();

        /**
         * Messenger and Instagram replies between 24 hours and 7 days after the customer's last message
         * go out with the HUMAN_AGENT tag (the app needs Meta's Human Agent permission); false keeps 24 hours.
         */
        @WithDefault("true")
        boolean humanAgentTag();
    }

    interface Telegram {
        @WithDefault("https://api.telegram.org")
        String apiBaseUrl();

        /**
         * The bots as JSON: {@code [{"username":"acme_bank_bot","token":"123456:...","secret":"..."}]}; the
         * secret is what setWebhook was given as secret_token and Telegram echoes in every webhook call.
         */
        @WithDefault("[]")
        String bots();
    }

    interface Media {
        /** Media larger than this is not stored; the event lists it in metadata.attachmentsOmitted. */
        @WithDefault("5242880")
        int maxBytes();

        @WithDefault("10s")
        Duration fetchTimeout();
    }

    interface Outbound {
        /** Attempts for a reply the platform refused for a reason that passes (rate limits, 5xx). */
        @WithDefault("4")
        int maxAttempts();

        /** The first retry's delay; each further retry doubles it (a platform's retry_after wins when longer). */
        @WithDefault("1s")
        Duration retryDelay();

        /** The longest single wait between attempts. */
        @WithDefault("30s")
        Duration maxRetryDelay();

        @WithDefault("10s")
        Duration requestTimeout();
    }
}
