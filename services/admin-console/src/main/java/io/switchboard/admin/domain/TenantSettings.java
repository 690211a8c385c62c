package io.switchboard.admin.domain;

import java.util.List;

import io.switchboard.events.QueueConfigured;

/**
 * A tenant (a client company the center answers for) as an admin configures it.
 *
 * @param defaultRegion  ISO 3166 region for phone numbers written without a country code
 * @param routingDomain  tenants that share agents share a domain (empty: the tenant alone)
 * @param defaultQueueId where contacts go whose entry point names no queue of its own
 * @param businessHours  the weekly hours of every queue that sets none of its own (empty: always open)
 * @param holidays       days those queues stay closed, in the tenant's time zone
 * @param closedMessage  sent once to a written contact that waits in a closed queue (empty: none)
 * @param closedPrompt   played once to a caller who waits in a closed queue: one of the tenant's prompts (empty: none)
 */
public record TenantSettings(String name, String timeZone, String defaultRegion, String routingDomain, String defaultQueueId,
        List<Opening> businessHours, List<QueueConfigured.Holiday> holidays, String closedMessage, String closedPrompt) {

    public TenantSettings {
        businessHours = businessHours == null ? List.of() : List.copyOf(businessHours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        closedMessage = closedMessage == null || closedMessage.isBlank() ? null : closedMessage.strip();
        closedPrompt = closedPrompt == null || closedPrompt.isBlank() ? null : closedPrompt.strip();
        routingDomain = routingDomain == null || routingDomain.isBlank() ? null : routingDomain;
        defaultQueueId = defaultQueueId == null || defaultQueueId.isBlank() ? null : defaultQueueId;
    }

    /** A tenant whose callers hear no closed prompt. */
    public TenantSettings(String name, String timeZone, String defaultRegion, String routingDomain, String defaultQueueId,
            List<Opening> businessHours, List<QueueConfigured.Holiday> holidays, String closedMessage) {
        this(name, timeZone, defaultRegion, routingDomain, defaultQueueId, businessHours, holidays, closedMessage, null);
    }
}
