package io.switchboard.reporting.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's scheduled report: every day, every week on {@code weekday} or every month on its first day, at
 * {@code sendAt} in the tenant's time zone, the previous whole local day, ISO week (Monday to Sunday) or month
 * is mailed to {@code recipients} as {@code format}, one table per view with rows per {@code granularity}.
 * Periods whose send time is before {@code effectiveFrom} (when the schedule was created or last changed) are
 * not sent: a new or edited schedule starts with its next send time.
 */
public record ReportSchedule(UUID id, String tenantId, String name, Frequency frequency, DayOfWeek weekday, LocalTime sendAt,
        List<Dimension> views, Granularity granularity, ReportFormat format, List<String> recipients, Instant effectiveFrom) {

    public ReportSchedule {
        views = List.copyOf(views);
        recipients = List.copyOf(recipients);
        if ((frequency == Frequency.WEEKLY) != (weekday != null)) {
            throw new IllegalArgumentException("a weekday belongs to weekly schedules only");
        }
    }

    /** The period whose report is sent on {@code sendDate}, or null when nothing is sent that day. */
    public ReportPeriod periodSentOn(LocalDate sendDate) {
        return switch (frequency) {
            case DAILY -> new ReportPeriod(sendDate.minusDays(1), sendDate);
            case WEEKLY -> {
                if (sendDate.getDayOfWeek() != weekday) {
                    yield null;
                }
                LocalDate thisMonday = sendDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new ReportPeriod(thisMonday.minusWeeks(1), thisMonday);
            }
            case MONTHLY -> sendDate.getDayOfMonth() == 1 ? new ReportPeriod(sendDate.minusMonths(1), sendDate) : null;
        };
    }

    /** The day the report of {@code period} is sent. */
    public LocalDate sendDate(ReportPeriod period) {
        return switch (frequency) {
            case DAILY, MONTHLY -> period.to();
            case WEEKLY -> period.to().with(TemporalAdjusters.nextOrSame(weekday));
        };
    }

    /** When the report of {@code period} is due: its send date at {@code sendAt} in {@code zone} (a time in a DST gap moves forward). */
    public Instant dueAt(ReportPeriod period, ZoneId zone) {
        return sendDate(period).atTime(sendAt).atZone(zone).toInstant();
    }

    /**
     * The periods due by {@code now} whose due time is at or after both {@link #effectiveFrom} and {@code notBefore}
     * (the catch-up horizon), newest first.
     */
    public List<ReportPeriod> periodsDue(Instant now, ZoneId zone, Instant notBefore) {
        Instant horizon = notBefore.isAfter(effectiveFrom) ? notBefore : effectiveFrom;
        List<ReportPeriod> due = new ArrayList<>();
        for (LocalDate day = now.atZone(zone).toLocalDate(); ; day = day.minusDays(1)) {
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (dayEnd.isBefore(horizon)) {
                return due;
            }
            ReportPeriod period = periodSentOn(day);
            if (period == null) {
                continue;
            }
            Instant dueAt = dueAt(period, zone);
            if (!dueAt.isAfter(now) && !dueAt.isBefore(horizon)) {
                due.add(period);
            }
        }
    }
}
