package io.switchboard.reporting.domain;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** What one scheduled delivery contains: one tenant's figures for one period, a table per view. */
public record ScheduledReport(ReportSchedule schedule, ReportPeriod period, ZoneId zone, List<Table> tables) {

    /** One view's rows, all of {@code schedule.tenantId()}. */
    public record Table(Dimension dimension, List<ReportRow> rows) {
    }

    public ScheduledReport {
        tables = List.copyOf(tables);
    }

    public String tenantId() {
        return schedule.tenantId();
    }

    /** The period as people name it: a day, the first and last days of a week, or a month. */
    public String periodLabel() {
        return switch (schedule.frequency()) {
            case DAILY -> period.from().toString();
            case WEEKLY -> period.from() + " to " + period.lastDay();
            case MONTHLY -> period.from().getYear() + "-" + String.format(Locale.ROOT, "%02d", period.from().getMonthValue());
        };
    }

    /** e.g. {@code report-acme-bank-daily-2026-12-01.pdf}. */
    public String filename() {
        String label = periodLabel().replace(" to ", "-");
        return "report-" + tenantId() + "-" + schedule.frequency().slug() + "-" + label + "." + schedule.format().extension();
    }

    public String subject() {
        return "Switchboard " + schedule.frequency().slug() + " report for " + tenantId() + ": " + periodLabel()
                + (schedule.name() == null || schedule.name().isBlank() ? "" : " (" + schedule.name() + ")");
    }
}
