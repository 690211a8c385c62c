package io.switchboard.reporting.domain;

import java.time.Instant;

/**
 * A leg with what its figures need from elsewhere: its contact, the wrap-up of its agent on that
 * contact, the queue's service-level threshold when it was queued, and whether the same customer came
 * back within 24 h of the contact's creation.
 */
public record LegReport(LegFact leg, ContactFact contact, Instant wrapCompletedAt, int thresholdSeconds, boolean cameBack) {

    /** The answered leg that ended the contact (not transferred out after it was answered). */
    public boolean finalAnswered() {
        return leg.answered() && !leg.transferredOutAfterAnswer();
    }

    /** When the agent of this leg stopped handling it: the transfer out, else the contact's end; null while unknown. */
    public Instant handleEnd() {
        if (!leg.answered()) {
            return null;
        }
        if (leg.transferredOutAfterAnswer()) {
            return leg.transferredAt();
        }
        return contact == null ? null : contact.endedAt();
    }

    /** The wrap-up of the final leg's agent, from the contact's end to its completion, when both are known. */
    public Instant wrapStart() {
        return finalAnswered() && contact != null && contact.endedAt() != null && wrapCompletedAt != null
                && wrapCompletedAt.isAfter(contact.endedAt()) ? contact.endedAt() : null;
    }
}
