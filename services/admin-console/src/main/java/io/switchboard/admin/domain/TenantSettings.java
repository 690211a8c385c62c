package io.switchboard.admin.domain;

import java.util.List;

/**
 * A tenant (a client company the center answers for) as an admin configures it.
 *
 * @param defaultRegion  ISO 3166 region for phone numbers written without a country code
 * @param routingDomain  tenants that share agents share a domain (empty: the tenant alone)
 * @param defaultQueueId where contacts go whose entry point names no queue of its own
 * @param businessHours  the weekly hours of every queue that sets none of its own (empty: always open)
 */
public record TenantSettings(String name, String timeZone, String defaultRegion, String routingDomain, String defaultQueueId,
        List<Opening> businessHours) {

    public TenantSettings {
        businessHours = businessHours == null ? List.of() : List.copyOf(businessHours);
        routingDomain = routingDomain == null || routingDomain.isBlank() ? null : routingDomain;
        defaultQueueId = defaultQueueId == null || defaultQueueId.isBlank() ? null : defaultQueueId;
    }
}
