package io.switchboard.reporting.domain;

/**
 * Where a (schedule, period) delivery stands: PENDING until its first attempt, SENDING while an instance holds
 * its claim, RETRYING after a failure that may pass, then SENT or FAILED for good.
 */
public enum DeliveryStatus {
    PENDING, SENDING, RETRYING, SENT, FAILED
}
