package io.switchboard.reporting.domain;

/** A delivery one instance holds, on its {@code attempt}th try, with its schedule as it is now. */
public record DeliveryClaim(ReportSchedule schedule, ReportPeriod period, int attempt) {
}
