package io.switchboard.reporting.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the scheduled reports that are due: records each due (schedule, period) in the {@link DeliveryLedger},
 * then claims them one at a time, renders the tenant's figures from the same query as the API and mails them.
 * A refusal that may pass (a 4xx reply, the relay down, the figures unreadable) is tried again after
 * {@link RetryPolicy#backoffAfter}, up to {@link RetryPolicy#maxAttempts}; a 5xx reply is final.
 */
public class ScheduledReports {

    private static final Logger LOG = Logger.getLogger(ScheduledReports.class.getName());

    /** How many deliveries one run sends at most, so that a backlog does not hold the tick for long. */
    static final int MAX_PER_RUN = 50;

    private final ScheduleBook schedules;
    private final DeliveryLedger ledger;
    private final ReportSource source;
    private final ReportRenderer renderer;
    private final ReportMailer mailer;
    private final RetryPolicy retries;
    private final Duration catchUp;
    private final Duration lease;
    private final String instance;
    private final Clock clock;

    public ScheduledReports(ScheduleBook schedules, DeliveryLedger ledger, ReportSource source, ReportRenderer renderer,
            ReportMailer mailer, RetryPolicy retries, Duration catchUp, Duration lease, String instance, Clock clock) {
        this.schedules = schedules;
        this.ledger = ledger;
        this.source = source;
        this.renderer = renderer;
        this.mailer = mailer;
        this.retries = retries;
        this.catchUp = catchUp;
        this.lease = lease;
        this.instance = instance;
        this.clock = clock;
    }

    /** Plans what is due now and sends it; returns the deliveries attempted. */
    public int runDue() {
        plan(clock.instant());
        int attempted = 0;
        while (attempted < MAX_PER_RUN) {
            Instant now = clock.instant();
            Optional<DeliveryClaim> claim = ledger.claimNext(now, lease, instance);
            if (claim.isEmpty()) {
                break;
            }
            deliver(claim.get());
            attempted++;
        }
        return attempted;
    }

    /** Records every schedule's due periods within the catch-up horizon (the ones already recorded stay as they are). */
    void plan(Instant now) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (ReportSchedule schedule : schedules.allSchedules()) {
            ZoneId zone = zones.computeIfAbsent(schedule.tenantId(), source::timeZone);
            Map<ReportPeriod, Instant> due = new LinkedHashMap<>();
            for (ReportPeriod period : schedule.periodsDue(now, zone, now.minus(catchUp))) {
                due.put(period, schedule.dueAt(period, zone));
            }
            if (due.isEmpty()) {
                continue;
            }
            try {
                ledger.plan(schedule, due, now);
            } catch (RuntimeException e) {
                // Deleted since it was listed, say: the other schedules are still planned.
                LOG.log(Level.WARNING, "scheduled report " + schedule.id() + " not planned", e);
            }
        }
    }

    private void deliver(DeliveryClaim claim) {
        ReportSchedule schedule = claim.schedule();
        try {
            ScheduledReport report = report(schedule, claim.period());
            Attachment file = renderer.render(report);
            mailer.send(new ReportMail(schedule.recipients(), report.subject(), text(report), file));
            if (!ledger.sent(claim, instance, clock.instant())) {
                LOG.warning("scheduled report " + schedule.id() + " for " + claim.period() + " was sent after its claim ran out;"
                        + " another instance may send it too");
            }
        } catch (RelayRefusedException refused) {
            failed(claim, refused.getMessage(), refused.permanent());
        } catch (RuntimeException e) {
            // The figures could not be read or rendered (the database away, say): worth another try.
            LOG.log(Level.WARNING, "scheduled report " + schedule.id() + " for " + claim.period() + " failed", e);
            failed(claim, "report not rendered: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), false);
        }
    }

    private void failed(DeliveryClaim claim, String reason, boolean permanent) {
        Instant now = clock.instant();
        if (permanent || !retries.mayRetryAfter(claim.attempt())) {
            String why = permanent ? reason : reason + " (after " + claim.attempt() + " attempts)";
            ledger.failed(claim, instance, why, now);
        } else {
            ledger.retry(claim, instance, reason, now, now.plus(retries.backoffAfter(claim.attempt())));
        }
    }

    /** The tenant's figures for the period, a table per view, all read for {@code schedule.tenantId()} alone. */
    ScheduledReport report(ReportSchedule schedule, ReportPeriod period) {
        ZoneId zone = source.timeZone(schedule.tenantId());
        List<ScheduledReport.Table> tables = new ArrayList<>();
        for (Dimension view : schedule.views()) {
            ReportQuery query = new ReportQuery(schedule.tenantId(), view, period.from(), period.to(), schedule.granularity(), null);
            tables.add(new ScheduledReport.Table(view, source.rows(query)));
        }
        return new ScheduledReport(schedule, period, zone, tables);
    }

    private static String text(ScheduledReport report) {
        StringBuilder text = new StringBuilder();
        text.append("Attached is the ").append(report.schedule().frequency().slug()).append(" report of ").append(report.tenantId())
                .append(" for ").append(report.periodLabel()).append(" (days in ").append(report.zone().getId()).append(").\n\n");
        for (ScheduledReport.Table table : report.tables()) {
            text.append(table.dimension().slug()).append("s: ").append(table.rows().size()).append(" rows\n");
        }
        text.append("\nThe figures are defined in the reporting documentation; this mail was sent by a schedule of ")
                .append(report.tenantId()).append(".\n");
        return text.toString();
    }
}
