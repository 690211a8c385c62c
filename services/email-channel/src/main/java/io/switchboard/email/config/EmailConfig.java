package io.switchboard.email.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.mailrelay.RelaySettings;

/** The email channel's settings, {@code switchboard.email.*}. */
@ConfigMapping(prefix = "switchboard.email")
public interface EmailConfig {

    Smtp smtp();

    Attachments attachments();

    Outbound outbound();

    /** The relay replies leave through ({@code switchboard.email.relay.*}). */
    Relay relay();

    /** External mailboxes polled over IMAP, by name. */
    Map<String, Mailbox> imap();

    /** The service's public base URL: attachment links in events point here. */
    @WithDefault("http://127.0.0.1:8084")
    String publicUrl();

    /** How long ingest waits for the broker to acknowledge a message's events. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Messages stored but not yet acknowledged by the broker for this long are published by the sweeper. */
    @WithDefault("30s")
    Duration sweepAfter();

    /** How often the sweeper looks for such messages. */
    @WithDefault("10s")
    Duration sweepEvery();

    interface Smtp {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String bindAddress();

        @WithDefault("2525")
        int port();

        @WithDefault("mail.switchboard.local")
        String hostName();

        @WithDefault("10485760")
        int maxMessageBytes();

        @WithDefault("200")
        int maxConnections();

        @WithDefault("50")
        int maxRecipients();

        @WithDefault("120")
        int messagesPerSenderPerMinute();

        /** Messages one connection may send; the next MAIL FROM gets 421 4.7.0 and the connection is closed. */
        @WithDefault("100")
        int maxMessagesPerConnection();

        /** New connections per client address: beyond, 421 4.7.0 instead of the greeting (docs/operations.md#rate-limits). */
        ConnectionRate connectionRate();

        Tls tls();
    }

    interface ConnectionRate {
        /** New connections a second one client address may open on average. */
        @WithDefault("2")
        double perSecond();

        /** New connections one client address may open at once before the average applies. */
        @WithDefault("50")
        int burst();

        /** Client addresses whose budgets are held at once; beyond, the one heard from longest ago is forgotten. */
        @WithDefault("10000")
        int maxSources();
    }

    interface Tls {
        Optional<String> keyStore();

        Optional<String> keyStorePassword();

        @WithDefault("false")
        boolean required();
    }

    interface Attachments {
        @WithDefault("5242880")
        long maxBytes();
    }

    interface Outbound {
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("1s")
        Duration retryDelay();
    }

    interface Relay extends RelaySettings {
    }

    interface Mailbox {
        String host();

        @WithDefault("993")
        int port();

        @WithDefault("true")
        boolean ssl();

        String user();

        String password();

        @WithDefault("INBOX")
        String folder();

        /** Imported messages move here; without it they are flagged \Seen and skipped by later polls. */
        Optional<String> processedFolder();

        String tenant();

        /** The entry point address the mailbox stands for (routing maps it to a queue). */
        String entryPoint();

        @WithDefault("30s")
        Duration pollInterval();

        /** Wait with IMAP IDLE between polls when the server offers it. */
        @WithDefault("true")
        boolean idle();
    }
}
