package io.switchboard.sms.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.config.EntryPointDirectory;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.sms.domain.NumberRoute;

/** The tenants' SMS entry points from the configuration topic, compared in E.164. */
@ApplicationScoped
public class TenantDirectory extends EntryPointDirectory implements NumberDirectory {

    private final Map<String, String> regions = new ConcurrentHashMap<>();

    public TenantDirectory() {
        super(Channel.SMS, TenantDirectory::e164);
    }

    @Override
    public synchronized void apply(TenantConfigured tenant) {
        if (tenant.defaultRegion() != null) {
            regions.put(tenant.tenantId(), tenant.defaultRegion());
        }
        super.apply(tenant);
    }

    @Override
    public Optional<NumberRoute> route(String e164) {
        return lookup(e164).map(route -> new NumberRoute(route.tenantId(), route.tenantName(), route.address(),
                regions.get(route.tenantId())));
    }

    static String e164(String raw) {
        try {
            return Address.phone(raw, null).value();
        } catch (InvalidAddressException e) {
            return raw.strip();
        }
    }
}
