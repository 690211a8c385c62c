package io.switchboard.email.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;

/**
 * The addresses this channel accepts mail for: every tenant's EMAIL entry points, as published on
 * the configuration topic. A tenant's newer configuration replaces its older one whole.
 */
@ApplicationScoped
public class EmailDirectory {

    private final Map<String, MailRoute> byAddress = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public synchronized void apply(TenantConfigured tenant) {
        byAddress.values().removeIf(route -> route.tenantId().equals(tenant.tenantId()));
        for (TenantConfigured.EntryPoint entryPoint : tenant.entryPoints()) {
            if (entryPoint.channel() == Channel.EMAIL) {
                String address = normalize(entryPoint.address());
                byAddress.put(address, new MailRoute(tenant.tenantId(), tenant.name(), address));
            }
        }
        loaded = true;
    }

    public Optional<MailRoute> lookup(String address) {
        return address == null ? Optional.empty() : Optional.ofNullable(byAddress.get(normalize(address)));
    }

    /** The tenant's route for an address it owns (outbound replies are sent from it). */
    public Optional<MailRoute> lookup(String tenantId, String address) {
        return lookup(address).filter(route -> route.tenantId().equals(tenantId));
    }

    /** False until the first tenant configuration arrived: unknown addresses are then a temporary failure. */
    public boolean loaded() {
        return loaded;
    }

    private static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
