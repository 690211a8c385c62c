package io.switchboard.chat.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The chat channel's settings, {@code switchboard.chat.*}. */
@ConfigMapping(prefix = "switchboard.chat")
public interface ChatConfig {

    /** The HMAC key of conversation tokens. */
    String tokenSecret();

    @WithDefault("24h")
    Duration tokenTtl();

    @WithDefault("4000")
    int maxMessageChars();

    @WithDefault("5")
    int messagesPerSecond();

    @WithDefault("10")
    int burst();

    @WithDefault("20")
    int connectionsPerIp();

    /** New sockets per client address: beyond, the upgrade is answered 429 with Retry-After (docs/operations.md#rate-limits). */
    ConnectionRate connectionRate();

    @WithDefault("60s")
    Duration abandonAfter();

    @WithDefault("10s")
    Duration publishTimeout();

    /**
     * Whether every widget must list its allowed origins: a widget without them then refuses every socket
     * (403). On by default; off in the dev and test profiles and on the local platform.
     */
    @WithDefault("true")
    boolean requireAllowedOrigins();

    Map<String, Widget> widgets();

    interface ConnectionRate {
        /** New sockets a second one client address may open on average. */
        @WithDefault("5")
        double perSecond();

        /** New sockets one client address may open at once before the average applies. */
        @WithDefault("40")
        int burst();

        /** Client addresses whose budgets are held at once; beyond, the one heard from longest ago is forgotten. */
        @WithDefault("10000")
        int maxSources();
    }

    interface Widget {
        /** Origins a page embedding the widget may have; absent means none when they are required, else any. */
        Optional<List<String>> allowedOrigins();
    }
}
