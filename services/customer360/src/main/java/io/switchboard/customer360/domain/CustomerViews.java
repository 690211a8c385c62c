package io.switchboard.customer360.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Channel;

/** What the API shows: read models of customers, their history and what was done to them. */
public final class CustomerViews {

    private CustomerViews() {
    }

    /**
     * A customer as one person: the root of a merged group with the profile of {@link CustomerProfile}
     * and every identity of the group, each naming the member that holds it.
     */
    public record Customer(UUID id, String tenantId, String displayName, String language, boolean vip, String notes,
            Instant createdAt, List<UUID> mergedCustomerIds, List<Identity> identities) {
    }

    public record Identity(String kind, String value, String platform, boolean strong, UUID customerId,
            Instant firstSeen) {
    }

    public record TimelineItem(UUID id, String contactId, Channel channel, TimelineEntry.Kind kind, Instant occurredAt,
            String text, Map<String, Object> details, UUID customerId) {
    }

    /** @param nextCursor null on the last page */
    public record TimelinePage(List<TimelineItem> items, String nextCursor) {
    }

    public record Suggestion(UUID id, String tenantId, UUID customerId, UUID otherCustomerId,
            Map<String, Object> evidence, String contactId, Instant createdAt) {
    }

    public record Audit(UUID id, UUID customerId, UUID otherCustomerId, String action, String actor, String reason,
            Instant at, Map<String, Object> details) {
    }

    /** Everything held about a customer (a data subject access request). */
    public record Export(Customer customer, List<Map<String, Object>> members, List<TimelineItem> timeline,
            List<String> contactIds, List<Suggestion> suggestions, List<Audit> audit, Instant exportedAt) {
    }
}
