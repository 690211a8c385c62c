package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant (a client company the center answers for) and its entry points.
 *
 * @param defaultRegion  ISO 3166 region for reading phone numbers without a country code
 * @param routingDomain  the tenants that share agents share a domain; by default the tenant id
 * @param defaultQueueId where contacts go whose entry point matches nothing
 */
public record TenantConfigured(UUID eventId, String tenantId, Instant occurredAt, String name, String timeZone,
        String defaultRegion, String routingDomain, String defaultQueueId, List<EntryPoint> entryPoints)
        implements ConfigEvent {

    /** An address customers reach the tenant on, and the queue it leads to. */
    public record EntryPoint(Channel channel, String address, String queueId) {

        public EntryPoint {
            Require.present(channel, "entry point channel");
            Require.present(address, "entry point address");
            Require.present(queueId, "entry point queueId");
        }
    }

    public TenantConfigured {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(name, "name");
        Require.present(timeZone, "timeZone");
        routingDomain = routingDomain == null || routingDomain.isBlank() ? tenantId : routingDomain;
        entryPoints = Require.list(entryPoints);
    }

    @Override
    public String subject() {
        return "tenant:" + tenantId;
    }
}
