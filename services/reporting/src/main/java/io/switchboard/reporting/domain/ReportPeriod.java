package io.switchboard.reporting.domain;

import java.time.LocalDate;

/** The tenant's local days a scheduled report covers: {@code from} inclusive, {@code to} exclusive. */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public ReportPeriod {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a period ends after it starts: " + from + " to " + to);
        }
    }

    /** The last day in the period. */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }
}
