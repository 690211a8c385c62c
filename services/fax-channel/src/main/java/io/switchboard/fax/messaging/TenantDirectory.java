package io.switchboard.fax.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.fax.domain.FaxRoute;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.service.config.EntryPointDirectory;

/** The tenants' FAX entry points from the configuration topic, compared in E.164. */
@ApplicationScoped
public class TenantDirectory extends EntryPointDirectory implements NumberDirectory {

    private final Map<String, String> regions = new ConcurrentHashMap<>();

    public TenantDirectory() {
        super(Channel.FAX, raw -> e164(raw, null));
    }

    @Override
    public synchronized void apply(TenantConfigured tenant) {
        if (tenant.defaultRegion() != null) {
            regions.put(tenant.tenantId(), tenant.defaultRegion());
        }
        // A number configured in national form ("020 7946 0999") is read in the tenant's region.
        super.apply(new TenantConfigured(tenant.eventId(), tenant.tenantId(), tenant.occurredAt(), tenant.name(), tenant.timeZone(),
                tenant.defaultRegion(), tenant.routingDomain(), tenant.defaultQueueId(), tenant.entryPoints().stream()
                        .map(e -> e.channel() == Channel.FAX
                                ? new TenantConfigured.EntryPoint(e.channel(), e164(e.address(), tenant.defaultRegion()), e.queueId())
                                : e)
                        .toList()));
    }

    @Override
    public Optional<FaxRoute> route(String e164) {
        return lookup(e164).map(r -> new FaxRoute(r.tenantId(), r.tenantName(), r.address(), regions.get(r.tenantId())));
    }

    static String e164(String raw, String region) {
        try {
            return Address.phone(raw, region).value();
        } catch (InvalidAddressException e) {
            return raw == null ? "" : raw.strip();
        }
    }
}
