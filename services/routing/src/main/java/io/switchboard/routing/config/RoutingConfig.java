package io.switchboard.routing.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The routing service's settings ({@code switchboard.routing.*}). */
@ConfigMapping(prefix = "switchboard.routing")
public interface RoutingConfig {

    /** The internal topic where inputs are re-keyed by routing domain. */
    @WithDefault("switchboard.routing.commands.v1")
    String commandsTopic();

    /** Its partitions: the most routing instances that can share the work. */
    @WithDefault("6")
    int commandPartitions();

    /** How often offer expiry, relaxation and other timers are checked. */
    @WithDefault("250ms")
    Duration tickInterval();

    /** How often the REST views of queues and agents are refreshed. */
    @WithDefault("1s")
    Duration viewInterval();

    /** How often each queue's figures are published ({@code queue.stats}). */
    @WithDefault("5s")
    Duration statsInterval();

    /**
     * How long processed input ids are kept for deduplication; longer than the input topics keep
     * records (7 days locally), so a redelivered input is always recognised.
     */
    @WithDefault("8d")
    Duration processedRetention();

    /** How soon the group gives a silent instance's domains to another instance. */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** Consecutive missed offers before an agent is set away. */
    @WithDefault("3")
    int missedOffersBeforeAway();
}
