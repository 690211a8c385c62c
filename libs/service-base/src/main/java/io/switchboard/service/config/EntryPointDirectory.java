package io.switchboard.service.config;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import io.switchboard.events.Channel;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;

/**
 * The addresses one channel service accepts contacts on: every tenant's entry points of that channel,
 * as published on the configuration topic. A tenant's newer configuration replaces its older one
 * whole, so a removed entry point stops being accepted; an older one read after it (a replay of the
 * topic) changes nothing.
 */
public class EntryPointDirectory {

    private final Channel channel;
    private final UnaryOperator<String> normalize;
    private final Map<String, EntryPointRoute> byAddress = new ConcurrentHashMap<>();
    /** The time of each tenant's configuration held: an older one read later does not replace it. */
    private final Map<String, Instant> versions = new HashMap<>();
    private volatile boolean loaded;

    /** @param normalize how addresses compare (applied both to configured and to looked-up ones) */
    protected EntryPointDirectory(Channel channel, UnaryOperator<String> normalize) {
        this.channel = channel;
        this.normalize = normalize;
    }

    /** Takes a tenant's configuration; any other event is ignored. */
    public void accept(SwitchboardEvent event) {
        if (event instanceof TenantConfigured tenant) {
            apply(tenant);
        }
    }

    public synchronized void apply(TenantConfigured tenant) {
        Instant held = versions.get(tenant.tenantId());
        if (held != null && tenant.occurredAt().isBefore(held)) {
            // The service's consumer replays the topic from its start after the catch-up gave it the latest version.
            return;
        }
        versions.put(tenant.tenantId(), tenant.occurredAt());
        byAddress.values().removeIf(route -> route.tenantId().equals(tenant.tenantId()));
        for (TenantConfigured.EntryPoint entryPoint : tenant.entryPoints()) {
            if (entryPoint.channel() == channel) {
                String address = normalize.apply(entryPoint.address());
                byAddress.put(address, new EntryPointRoute(tenant.tenantId(), tenant.name(), address));
            }
        }
    }

    public Optional<EntryPointRoute> lookup(String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(byAddress.get(normalize.apply(address)));
    }

    /**
     * False until the configuration topic was read to the end it had at start ({@link ConfigTopicCatchUp}): before
     * that an unknown address may still become known. One tenant's configuration is not enough: the topic holds every
     * version of every tenant until it is compacted, and a tenant's first version may have none of its entry points.
     */
    public boolean loaded() {
        return loaded;
    }

    /** The configuration topic was read to its end: every tenant that exists is known, even when there is none. */
    public void markLoaded() {
        loaded = true;
    }
}
