package io.switchboard.sms.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.service.webhook.WebhookRateConfig;

/** The SMS channel's settings ({@code switchboard.sms.*}); see docs/sms-channel.md for each key. */
@ConfigMapping(prefix = "switchboard.sms")
public interface SmsConfig {

    /** The service's public base URL: the URL providers sign over (behind a proxy, never the Host header). */
    String publicUrl();

    /** Texts within this time of the customer's previous one join its open contact. */
    @WithDefault("24h")
    Duration window();

    /** Whether the customer is texted the satisfaction survey when an agent ends an SMS contact. */
    @WithDefault("true")
    boolean surveyEnabled();

    /** A webhook body above this is refused with 413 before it is read further. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Webhooks per source address: over the budget, 429 with Retry-After before anything is read (docs/operations.md#rate-limits). */
    WebhookRateConfig webhookRate();

    @WithDefault("10s")
    Duration publishTimeout();

    /** Texts stored but not acknowledged by Kafka for this long are published by the sweeper. */
    @WithDefault("30s")
    Duration sweepAfter();

    /** How often the sweeper looks for stored-but-unacknowledged texts. */
    @WithDefault("10s")
    Duration sweepEvery();

    /** A reply needing more segments is refused (permanent) rather than billed. */
    @WithDefault("10")
    int maxSegments();

    /** The answer to HELP; {@code {tenant}} becomes the tenant's name. */
    @WithDefault("{tenant}: you are texting our customer service. Reply STOP to unsubscribe. Msg&data rates may apply.")
    String helpText();

    /** Per-tenant answers to HELP, by tenant id. */
    Map<String, String> helpTexts();

    Media media();

    Outbound outbound();

    Twilio twilio();

    Vonage vonage();

    /** SMPP links to SMSCs, by name (none locally). */
    Map<String, SmppLink> smpp();

    /** One transceiver bind to an SMSC; the numbers it serves leave and arrive through it. */
    interface SmppLink {
        @WithDefault("true")
        boolean enabled();

        String host();

        int port();

        String systemId();

        /** Secret: SWITCHBOARD_SMS_SMPP__<LINK>__PASSWORD. */
        String password();

        Optional<String> systemType();

        /** The E.164 numbers this link serves. */
        List<String> numbers();

        @WithDefault("30s")
        Duration enquireLink();

        @WithDefault("10s")
        Duration timeout();

        /** Rebind waits start here and double after each failed bind, up to rebind-max. */
        @WithDefault("1s")
        Duration rebindMin();

        @WithDefault("60s")
        Duration rebindMax();
    }

    /** Vonage's Messages API, a second provider for the numbers listed in {@code numbers}. */
    interface Vonage {
        @WithDefault("false")
        boolean enabled();

        /** The E.164 numbers that belong to the Vonage account: their replies leave through Vonage. */
        Optional<List<String>> numbers();

        /** Basic auth for the Messages API. */
        Optional<String> apiKey();

        /** Secret: SWITCHBOARD_SMS_VONAGE_API_SECRET. */
        Optional<String> apiSecret();

        /** Secret: SWITCHBOARD_SMS_VONAGE_SIGNATURE_SECRET (signs the webhooks' JWTs, HS256). */
        Optional<String> signatureSecret();

        @WithDefault("https://api.nexmo.com")
        String apiBaseUrl();

        /** A webhook whose token was issued longer ago is refused (replay guard). */
        @WithDefault("5m")
        Duration maxAge();
    }

    interface Media {
        /** A larger MMS file is left out of the message (named in its metadata). */
        @WithDefault("5242880")
        long maxBytes();

        @WithDefault("10")
        int maxCount();

        @WithDefault("15s")
        Duration timeout();
    }

    interface Outbound {
        /** Provider calls per text; 429, 5xx and connection failures are retried. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Twilio {
        @WithDefault("true")
        boolean enabled();

        String accountSid();

        /** Secret: from SWITCHBOARD_SMS_TWILIO_AUTH_TOKEN; no default, so the service does not start without it. */
        String authToken();

        /** Twilio's REST API, or the local simulator's {@code http://127.0.0.1:8090/twilio}. */
        @WithDefault("https://api.twilio.com")
        String apiBaseUrl();

        @WithDefault("10s")
        Duration timeout();
    }
}
