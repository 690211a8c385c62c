package io.switchboard.reporting.domain;

import java.time.LocalDate;

/**
 * A report: one tenant's rows per {@code dimension} for the tenant's local days {@code from} (inclusive) to
 * {@code to} (exclusive), grouped by {@code granularity}, optionally of one queue, agent or channel.
 */
public record ReportQuery(String tenantId, Dimension dimension, LocalDate from, LocalDate to, Granularity granularity, String key) {
}
