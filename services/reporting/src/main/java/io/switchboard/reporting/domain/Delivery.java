package io.switchboard.reporting.domain;

import java.time.Instant;
import java.util.UUID;

/** One scheduled report's delivery for one period, as its history shows it. */
public record Delivery(UUID scheduleId, ReportPeriod period, Instant dueAt, DeliveryStatus status, int attempts,
        Instant nextAttemptAt, String lastError, Instant sentAt, Instant updatedAt) {
}
