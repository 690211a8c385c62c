package io.switchboard.reporting.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The record of scheduled deliveries, one per (schedule, period), which is what makes each report go out once
 * across instances and restarts (the port {@code persistence} implements).
 */
public interface DeliveryLedger {

    /** Records these due periods as PENDING at {@code now}; a period already recorded, in any state, is left as it is. */
    void plan(ReportSchedule schedule, Map<ReportPeriod, Instant> dueAt, Instant now);

    /**
     * Claims one delivery that is PENDING or RETRYING and due by {@code now}, or SENDING with a claim that
     * expired (its instance stopped mid-send), for {@code lease}; two instances never get the same one.
     */
    Optional<DeliveryClaim> claimNext(Instant now, Duration lease, String claimant);

    /** The claimed delivery went out. False when the claim was no longer this instance's. */
    boolean sent(DeliveryClaim claim, String claimant, Instant at);

    /** The claimed delivery failed for {@code reason}; it is tried again at {@code nextAttemptAt}. */
    boolean retry(DeliveryClaim claim, String claimant, String reason, Instant at, Instant nextAttemptAt);

    /** The claimed delivery failed for good. */
    boolean failed(DeliveryClaim claim, String claimant, String reason, Instant at);
}
