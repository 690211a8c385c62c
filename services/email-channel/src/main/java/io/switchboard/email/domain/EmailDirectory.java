package io.switchboard.email.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.service.config.EntryPointDirectory;
import io.switchboard.service.config.EntryPointRoute;

/** The email addresses this channel accepts mail for (tenants' EMAIL entry points), compared case-folded. */
@ApplicationScoped
public class EmailDirectory extends EntryPointDirectory {

    /** Each tenant's first EMAIL entry point, in the order of its configuration. */
    private final Map<String, String> mainAddress = new ConcurrentHashMap<>();

    public EmailDirectory() {
        super(Channel.EMAIL, address -> address.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized void apply(TenantConfigured tenant) {
        super.apply(tenant);
        tenant.entryPoints().stream().filter(e -> e.channel() == Channel.EMAIL).findFirst()
                .ifPresentOrElse(e -> mainAddress.put(tenant.tenantId(), e.address()), () -> mainAddress.remove(tenant.tenantId()));
    }

    /** The address a tenant's mail that answers no email thread is sent from: its first configured EMAIL entry point. */
    public Optional<EntryPointRoute> senderFor(String tenantId) {
        String address = mainAddress.get(tenantId);
        return address == null ? Optional.empty() : lookup(tenantId, address);
    }

    /** The tenant's route for an address it owns (outbound replies are sent from it). */
    public Optional<EntryPointRoute> lookup(String tenantId, String address) {
        return lookup(address).filter(route -> route.tenantId().equals(tenantId));
    }
}
