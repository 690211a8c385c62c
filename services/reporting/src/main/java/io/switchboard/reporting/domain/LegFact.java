package io.switchboard.reporting.domain;

import java.time.Instant;

import io.switchboard.events.Channel;

/**
 * What is known of one contact's stay in one queue (a leg), merged from routing's events. A contact
 * that comes back to the same queue stays one leg, offered at its first queued time.
 *
 * @param queuedAt      when it was first queued there: the leg is counted in this instant's interval
 * @param assignedAt    the first assignment to an agent, whose id is {@code agentId}
 * @param abandonedAt   the first abandon, with the seconds the customer waited
 * @param transferredAt the first transfer or overflow out of this queue
 * @param transfers     transfers out (to a queue or an agent), overflows excluded
 * @param overflows     overflows out (routing's transfers without an agent, reason "overflow: ...")
 */
public record LegFact(String tenantId, String contactId, String queueId, Channel channel, Instant queuedAt,
        Instant assignedAt, String agentId, Instant abandonedAt, Long waitedSeconds, Instant transferredAt,
        int transfers, int overflows) {

    public static LegFact empty(String tenantId, String contactId, String queueId) {
        return new LegFact(tenantId, contactId, queueId, null, null, null, null, null, null, null, 0, 0);
    }

    /** The interval the leg is counted in, or null while its queued event has not arrived. */
    public Instant interval() {
        return queuedAt == null ? null : Intervals.floor(queuedAt);
    }

    public boolean answered() {
        return assignedAt != null;
    }

    /** A leg that was answered and then transferred out hands the contact on; the last answered leg ends it. */
    public boolean transferredOutAfterAnswer() {
        return assignedAt != null && transferredAt != null && !transferredAt.isBefore(assignedAt);
    }
}
