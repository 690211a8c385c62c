package io.switchboard.reporting.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.reporting.domain.DeliveryClaim;
import io.switchboard.reporting.domain.DeliveryLedger;
import io.switchboard.reporting.domain.ReportPeriod;
import io.switchboard.reporting.domain.ReportSchedule;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code report_delivery}: a row per (schedule, period), inserted once (the primary key), claimed by one
 * instance at a time ({@code FOR UPDATE SKIP LOCKED}, then a lease), and updated only by the claim's holder.
 * Blocking: the scheduler calls it from its own thread.
 */
@ApplicationScoped
public class DeliveryRepository implements DeliveryLedger {

    private static final Duration BLOCKING = Duration.ofSeconds(30);

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void plan(ReportSchedule schedule, Map<ReportPeriod, Instant> dueAt, Instant now) {
        LocalDate[] starts = dueAt.keySet().stream().map(ReportPeriod::from).toArray(LocalDate[]::new);
        LocalDate[] ends = dueAt.keySet().stream().map(ReportPeriod::to).toArray(LocalDate[]::new);
        OffsetDateTime[] dues = dueAt.values().stream().map(Sql::time).toArray(OffsetDateTime[]::new);
        pool.preparedQuery("INSERT INTO report_delivery (schedule_id, period_start, period_end, tenant_id, due_at, status, attempts,"
                + " next_attempt_at, updated_at)"
                + " SELECT $1, p.period_start, p.period_end, $2, p.due_at, 'PENDING', 0, p.due_at, $6"
                + " FROM unnest($3::date[], $4::date[], $5::timestamptz[]) AS p(period_start, period_end, due_at)"
                + " ON CONFLICT (schedule_id, period_start) DO NOTHING")
                .execute(Tuple.tuple().addUUID(schedule.id()).addString(schedule.tenantId()).addArrayOfLocalDate(starts)
                        .addArrayOfLocalDate(ends).addArrayOfOffsetDateTime(dues).addOffsetDateTime(Sql.time(now)))
                .await().atMost(BLOCKING);
    }

    @Override
    public Optional<DeliveryClaim> claimNext(Instant now, Duration lease, String claimant) {
        String columns = ScheduleRows.SCHEDULE_COLUMNS;
        return pool.preparedQuery("UPDATE report_delivery d SET status = 'SENDING', attempts = d.attempts + 1, claimed_by = $3,"
                + " claimed_until = $2, next_attempt_at = NULL, updated_at = $1"
                + " FROM report_schedule s"
                + " WHERE s.id = d.schedule_id AND (d.schedule_id, d.period_start) = ("
                + "   SELECT w.schedule_id, w.period_start FROM report_delivery w"
                + "   WHERE (w.status IN ('PENDING', 'RETRYING') AND w.next_attempt_at <= $1)"
                + "      OR (w.status = 'SENDING' AND w.claimed_until <= $1)"
                + "   ORDER BY coalesce(w.next_attempt_at, w.claimed_until), w.schedule_id, w.period_start"
                + "   LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING d.period_start, d.period_end, d.attempts, " + columns)
                .execute(Tuple.tuple().addOffsetDateTime(Sql.time(now)).addOffsetDateTime(Sql.time(now.plus(lease))).addString(claimant))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<DeliveryClaim>empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new DeliveryClaim(ScheduleRows.schedule(row),
                            new ReportPeriod(row.getLocalDate("period_start"), row.getLocalDate("period_end")), row.getInteger("attempts")));
                })
                .await().atMost(BLOCKING);
    }

    @Override
    public boolean sent(DeliveryClaim claim, String claimant, Instant at) {
        return settle(claim, claimant, "status = 'SENT', sent_at = $5, updated_at = $5", Tuple.tuple().addOffsetDateTime(Sql.time(at)));
    }

    @Override
    public boolean retry(DeliveryClaim claim, String claimant, String reason, Instant at, Instant nextAttemptAt) {
        return settle(claim, claimant, "status = 'RETRYING', updated_at = $5, last_error = $6, next_attempt_at = $7",
                Tuple.tuple().addOffsetDateTime(Sql.time(at)).addString(reason).addOffsetDateTime(Sql.time(nextAttemptAt)));
    }

    @Override
    public boolean failed(DeliveryClaim claim, String claimant, String reason, Instant at) {
        return settle(claim, claimant, "status = 'FAILED', updated_at = $5, last_error = $6",
                Tuple.tuple().addOffsetDateTime(Sql.time(at)).addString(reason));
    }

    /** Ends the claim with {@code set}, if it is still the one this instance holds (same claimant, same attempt). */
    private boolean settle(DeliveryClaim claim, String claimant, String set, Tuple extra) {
        Tuple params = Tuple.tuple().addUUID(claim.schedule().id()).addLocalDate(claim.period().from()).addString(claimant)
                .addInteger(claim.attempt());
        for (int i = 0; i < extra.size(); i++) {
            params.addValue(extra.getValue(i));
        }
        return pool.preparedQuery("UPDATE report_delivery SET " + set + ", claimed_by = NULL, claimed_until = NULL"
                + " WHERE schedule_id = $1 AND period_start = $2 AND status = 'SENDING' AND claimed_by = $3 AND attempts = $4")
                .execute(params)
                .map(rows -> rows.rowCount() == 1)
                .await().atMost(BLOCKING);
    }
}
