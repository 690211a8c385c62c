package io.switchboard.routing.domain;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;

/**
 * Which routing domain an input belongs to. By default a tenant is its own domain; a tenant's
 * configuration can join it to a shared one ({@code routingDomain}) when tenants share agents.
 */
public final class Domains {

    private Domains() {
    }

    /** The domain of an event, given the domain the event's tenant is known to belong to. */
    public static String of(SwitchboardEvent event, String tenantDomain) {
        if (event instanceof TenantConfigured tenant) {
            return tenant.routingDomain();
        }
        if (event instanceof AgentConfigured agent) {
            return tenantDomain == null ? agent.tenantId() : tenantDomain;
        }
        return tenantDomain == null ? event.tenantId() : tenantDomain;
    }
}
