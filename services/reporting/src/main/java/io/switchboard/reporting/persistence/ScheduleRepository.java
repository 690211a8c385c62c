package io.switchboard.reporting.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.reporting.domain.Delivery;
import io.switchboard.reporting.domain.ReportSchedule;
import io.switchboard.reporting.domain.ScheduleBook;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tenants' report schedules and their delivery history, for the API; every schedule, for the scheduler. */
@ApplicationScoped
public class ScheduleRepository implements ScheduleBook {

    /** How a save went: created, replaced, or refused because the id is another tenant's. */
    public enum Saved {
        CREATED, REPLACED, TAKEN
    }

    private static final Duration BLOCKING = Duration.ofSeconds(30);

    private final Pool pool;

    public ScheduleRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ReportSchedule>> list(String tenant) {
        return pool.preparedQuery("SELECT " + ScheduleRows.SCHEDULE_COLUMNS + " FROM report_schedule s WHERE s.tenant_id = $1"
                + " ORDER BY s.created_at, s.id").execute(Tuple.of(tenant))
                .map(rows -> {
                    List<ReportSchedule> schedules = new ArrayList<>();
                    rows.forEach(row -> schedules.add(ScheduleRows.schedule(row)));
                    return schedules;
                });
    }

    public Uni<Optional<ReportSchedule>> find(String tenant, UUID id) {
        return pool.preparedQuery("SELECT " + ScheduleRows.SCHEDULE_COLUMNS + " FROM report_schedule s WHERE s.tenant_id = $1 AND s.id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(ScheduleRows.schedule(rows.iterator().next())) : Optional.empty());
    }

    /** Creates the schedule or replaces the tenant's schedule of that id; {@code effectiveFrom} is the time of this save. */
    public Uni<Saved> save(ReportSchedule schedule, String user, Instant now) {
        Tuple params = Tuple.tuple().addUUID(schedule.id()).addString(schedule.tenantId()).addString(schedule.name())
                .addString(schedule.frequency().name())
                .addShort(schedule.weekday() == null ? null : (short) schedule.weekday().getValue())
                .addLocalTime(schedule.sendAt())
                .addArrayOfString(schedule.views().stream().map(Enum::name).toArray(String[]::new))
                .addString(schedule.granularity().name()).addString(schedule.format().name())
                .addArrayOfString(schedule.recipients().toArray(String[]::new))
                .addOffsetDateTime(Sql.time(now)).addString(user);
        return pool.preparedQuery("INSERT INTO report_schedule (id, tenant_id, name, frequency, weekday, send_at, views, granularity,"
                + " format, recipients, effective_from, created_at, updated_at, updated_by)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11, $12)"
                + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, frequency = excluded.frequency, weekday = excluded.weekday,"
                + " send_at = excluded.send_at, views = excluded.views, granularity = excluded.granularity, format = excluded.format,"
                + " recipients = excluded.recipients, effective_from = excluded.effective_from, updated_at = excluded.updated_at,"
                + " updated_by = excluded.updated_by"
                + " WHERE report_schedule.tenant_id = excluded.tenant_id"
                + " RETURNING (xmax = 0) AS created")
                .execute(params)
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Saved.TAKEN;
                    }
                    return rows.iterator().next().getBoolean("created") ? Saved.CREATED : Saved.REPLACED;
                });
    }

    /** Deletes the tenant's schedule and its delivery history; false when the tenant has none of that id. */
    public Uni<Boolean> delete(String tenant, UUID id) {
        return pool.preparedQuery("DELETE FROM report_schedule WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The schedule's deliveries, newest period first. */
    public Uni<List<Delivery>> deliveries(String tenant, UUID id, int limit) {
        return pool.preparedQuery("SELECT " + ScheduleRows.DELIVERY_COLUMNS + " FROM report_delivery d"
                + " WHERE d.tenant_id = $1 AND d.schedule_id = $2 ORDER BY d.period_start DESC LIMIT $3")
                .execute(Tuple.of(tenant, id, limit))
                .map(rows -> {
                    List<Delivery> deliveries = new ArrayList<>();
                    rows.forEach(row -> deliveries.add(ScheduleRows.delivery(row)));
                    return deliveries;
                });
    }

    @Override
    public List<ReportSchedule> allSchedules() {
        return pool.preparedQuery("SELECT " + ScheduleRows.SCHEDULE_COLUMNS + " FROM report_schedule s ORDER BY s.tenant_id, s.id")
                .execute()
                .map(rows -> {
                    List<ReportSchedule> schedules = new ArrayList<>();
                    rows.forEach(row -> schedules.add(ScheduleRows.schedule(row)));
                    return schedules;
                })
                .await().atMost(BLOCKING);
    }
}
