package io.switchboard.reporting.domain;

/** Turns a scheduled report into its PDF or XLSX file (the port the {@code export} package implements). */
public interface ReportRenderer {

    Attachment render(ScheduledReport report);
}
