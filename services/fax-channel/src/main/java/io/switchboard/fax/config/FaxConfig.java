package io.switchboard.fax.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.service.webhook.WebhookRateConfig;

/** The fax channel's settings ({@code switchboard.fax.*}); docs/fax-channel.md describes each key. */
@ConfigMapping(prefix = "switchboard.fax")
public interface FaxConfig {

    /** The service's public base URL: what providers call and sign over, and where agents fetch documents. */
    String publicUrl();

    /** A larger document is refused (422), whether fetched or mailed. */
    @WithDefault("20971520")
    long maxDocumentBytes();

    /** A document with more pages is refused (422). */
    @WithDefault("200")
    int maxPages();

    /** A webhook body above this is refused with 413 before it is read further. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Webhooks per source address: over the budget, 429 with Retry-After before anything is read (docs/operations.md#rate-limits). */
    WebhookRateConfig webhookRate();

    @WithDefault("10s")
    Duration publishTimeout();

    /** What a 503 asks the provider to wait before retrying (Retry-After). */
    @WithDefault("30s")
    Duration retryAfter();

    /** Faxes stored but not acknowledged by Kafka for this long are published by the sweeper. */
    @WithDefault("30s")
    Duration sweepAfter();

    @WithDefault("10s")
    Duration sweepEvery();

    Twilio twilio();

    Smtp smtp();

    /** The Twilio-compatible provider: webhook signatures and document downloads. */
    interface Twilio {

        String accountSid();

        /** Secret: SWITCHBOARD_FAX_TWILIO_AUTH_TOKEN; no default, so the service does not start without it. */
        String authToken();

        /**
         * Numbers whose webhooks another account (a tenant's subaccount) signs: E.164 number to that
         * account's auth token; every other number is checked against {@link #authToken()}.
         */
        Map<String, String> numberAuthTokens();

        /** The only hosts a webhook's MediaUrl may point at. */
        @WithDefault("api.twilio.com,media.twiliocdn.com")
        List<String> mediaHosts();

        @WithDefault("15s")
        Duration timeout();
    }

    /** The T.38 gateway's mail path: a small SMTP listener. */
    interface Smtp {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String bindAddress();

        @WithDefault("2526")
        int port();

        @WithDefault("fax.switchboard.local")
        String hostName();

        /** Client IPs allowed to deliver faxes without the shared secret. */
        Optional<List<String>> allowedClients();

        /** Secret: SWITCHBOARD_FAX_SMTP_SHARED_SECRET, which a gateway sends in {@link #secretHeader()}. */
        Optional<String> sharedSecret();

        @WithDefault("X-Fax-Gateway-Secret")
        String secretHeader();

        @WithDefault("20")
        int maxConnections();
    }
}
