package io.switchboard.campaigns.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code switchboard.campaigns.*} (docs/campaigns.md, "Configuration"). */
@ConfigMapping(prefix = "switchboard.campaigns")
public interface CampaignsConfig {

    Dialler dialler();

    Outbox outbox();

    interface Dialler {

        /** The tick period ("1s"); "off" leaves ticking to the caller (the tests). */
        @WithDefault("1s")
        String every();

        /** How long an instance holds a campaign after a tick before another may dial it. */
        @WithDefault("10s")
        Duration lease();

        /** When a record outside its calling window is looked at again. */
        @WithDefault("15m")
        Duration windowRecheck();

        /** After ring time plus this, an attempt without a result is FAILED (lost) and frees its line. */
        @WithDefault("5m")
        Duration lostAfter();

        /** Routing's queue figures older than this count as no free agent. */
        @WithDefault("30s")
        Duration figuresMaxAge();

        /** The most records one tick examines. */
        @WithDefault("500")
        int maxFetch();
    }

    interface Outbox {

        /** Whether this instance relays the outbox; the tests relay it themselves to see exactly what is published when. */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for events another instance wrote or a failed publish left. */
        @WithDefault("500ms")
        Duration poll();

        @WithDefault("500")
        int batch();

        @WithDefault("10s")
        Duration publishTimeout();
    }
}
