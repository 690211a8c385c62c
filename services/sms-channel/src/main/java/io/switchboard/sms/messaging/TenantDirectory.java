package io.switchboard.sms.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.service.config.EntryPointDirectory;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.sms.domain.NumberRoute;
import io.switchboard.sms.domain.InvalidSmsException;
import io.switchboard.sms.domain.PhoneNumbers;

/** The tenants' SMS entry points from the configuration topic, compared in E.164. */
@ApplicationScoped
public class TenantDirectory extends EntryPointDirectory implements NumberDirectory {

    private final Map<String, String> regions = new ConcurrentHashMap<>();

    public TenantDirectory() {
        super(Channel.SMS, raw -> e164(raw, null));
    }

    @Override
    public synchronized void apply(TenantConfigured tenant) {
        if (tenant.defaultRegion() != null) {
            regions.put(tenant.tenantId(), tenant.defaultRegion());
        }
        // A number configured in national form ("07700 900100") is read in the tenant's region.
        List<TenantConfigured.EntryPoint> entryPoints = tenant.entryPoints().stream()
                .map(e -> e.channel() == Channel.SMS ? new TenantConfigured.EntryPoint(e.channel(), e164(e.address(), tenant.defaultRegion()),
                        e.queueId()) : e)
                .toList();
        super.apply(new TenantConfigured(tenant.eventId(), tenant.tenantId(), tenant.occurredAt(), tenant.name(), tenant.timeZone(),
                tenant.defaultRegion(), tenant.routingDomain(), tenant.defaultQueueId(), entryPoints));
    }

    @Override
    public Optional<NumberRoute> route(String e164) {
        return lookup(e164).map(route -> new NumberRoute(route.tenantId(), route.tenantName(), route.address(),
                regions.get(route.tenantId())));
    }

    static String e164(String raw, String region) {
        try {
            return PhoneNumbers.e164(raw, region);
        } catch (InvalidSmsException e) {
            return raw.strip();
        }
    }
}
