package io.switchboard.reporting.persistence;

import static io.switchboard.reporting.persistence.Sql.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code day_figures} and {@code agent_day_time}, the sums of each local day's 15-minute rows in the
 * tenant's time zone, in the transaction that recomputed those rows: each touched day is deleted and summed
 * again from its interval rows, so a day is exactly the sum of its intervals whatever the order of events.
 *
 * <p>Locks, after the interval and agent locks of {@link Recomputation}: one per tenant on its time zone,
 * shared, or exclusive when this transaction changed the zone and rebuilds all the tenant's days; then one
 * per (tenant, day) of the figures, since intervals of one day are recomputed by different transactions.
 * An agent's days need no more: only the holder of the agent's lock changes its rows. Each is taken in hash
 * order, and the statement after a lock sees what the previous holder committed.
 */
final class DailyRollup {

    /** The local day of {@code i} in tenant {@code t}'s zone (UTC until one is configured, as the reader does). */
    private static final String ZONE = "coalesce((SELECT z.time_zone FROM tenant_config z WHERE z.tenant_id = k.t), 'UTC')";
    /**
     * A local day's rows by an index range, from the start of the day to the next one's, widened by three hours so
     * that a day whose midnight does not exist (a clock change at midnight) loses none; the local date decides.
     */
    private static final String DAY_RANGE = " >= (d.day::timestamp AT TIME ZONE d.zone) - interval '3 hours'"
            + " AND %1$s.interval_start < ((d.day + 1)::timestamp AT TIME ZONE d.zone) + interval '3 hours'"
            + " AND (%1$s.interval_start AT TIME ZONE d.zone)::date = d.day";
    private static final String FIGURE_SUMS = "sum(f.offered), sum(f.answered), sum(f.abandoned), sum(f.short_abandoned),"
            + " sum(f.answered_in_threshold), sum(f.answer_wait_ms), sum(f.handled), sum(f.talk_ms), sum(f.hold_ms), sum(f.wrap_ms),"
            + " sum(f.transfers), sum(f.overflows), sum(f.fcr_contacts), sum(f.fcr_resolved), sum(f.surveys), sum(f.csat_satisfied),"
            + " sum(f.csat_score_sum)";
    private static final String TIME_SUMS = "sum(g.logged_in_ms), sum(g.available_ms), sum(g.busy_ms), sum(g.available_idle_ms)";

    private final SqlConnection db;

    DailyRollup(SqlConnection db) {
        this.db = db;
    }

    /**
     * @param intervals  the (tenant, interval) keys whose figures were recomputed
     * @param agents     per agent, the [from, to) window whose time rows were recomputed
     * @param zoneChanged tenants whose time zone this transaction changed: all their days are summed again
     */
    Uni<Void> update(Set<Recomputation.IntervalKey> intervals, Map<BatchApplication.AgentWindow, Instant[]> agents,
            Set<String> zoneChanged) {
        Set<String> tenants = new TreeSet<>(zoneChanged);
        intervals.forEach(k -> tenants.add(k.tenantId()));
        agents.keySet().forEach(a -> tenants.add(a.tenantId()));
        if (tenants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return lockZones(tenants, zoneChanged)
                .chain(() -> days(intervals.stream().filter(k -> !zoneChanged.contains(k.tenantId())).toList()))
                .chain(() -> agentDays(agents.entrySet().stream().filter(a -> !zoneChanged.contains(a.getKey().tenantId())).toList()))
                .chain(() -> Sql.each(zoneChanged, this::wholeTenant));
    }

    private Uni<Void> lockZones(Set<String> tenants, Set<String> zoneChanged) {
        List<Boolean> exclusive = tenants.stream().map(zoneChanged::contains).toList();
        return db.preparedQuery("SELECT CASE WHEN x THEN pg_advisory_xact_lock(h) ELSE pg_advisory_xact_lock_shared(h) END"
                + " FROM (SELECT hashtextextended('zone|' || t, 0) AS h, bool_or(x) AS x FROM unnest($1::text[], $2::boolean[]) AS k(t, x)"
                + " GROUP BY 1 ORDER BY 1) AS locks")
                .execute(Tuple.tuple().addArrayOfString(tenants.toArray(String[]::new)).addArrayOfBoolean(exclusive.toArray(Boolean[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> days(List<Recomputation.IntervalKey> intervals) {
        if (intervals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple keys = Tuple.tuple().addArrayOfString(intervals.stream().map(Recomputation.IntervalKey::tenantId).toArray(String[]::new))
                .addArrayOfOffsetDateTime(intervals.stream().map(k -> time(k.interval())).toArray(OffsetDateTime[]::new));
        String days = "WITH d AS (SELECT DISTINCT k.t AS tenant_id, " + ZONE + " AS zone, (k.i AT TIME ZONE " + ZONE + ")::date AS day"
                + " FROM unnest($1::text[], $2::timestamptz[]) AS k(t, i)) ";
        return db.preparedQuery(days + "SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT"
                + " hashtextextended('day|' || tenant_id || '|' || day::text, 0) AS h FROM d ORDER BY 1) AS locks").execute(keys)
                .chain(() -> db.preparedQuery(days + "DELETE FROM day_figures f USING d WHERE f.tenant_id = d.tenant_id AND f.day = d.day")
                        .execute(keys))
                .chain(() -> db.preparedQuery(days + "INSERT INTO day_figures SELECT f.tenant_id, f.dimension, d.day, f.key, " + FIGURE_SUMS
                        + " FROM d JOIN interval_figures f ON f.tenant_id = d.tenant_id AND f.interval_start" + DAY_RANGE.formatted("f")
                        + " GROUP BY f.tenant_id, f.dimension, d.day, f.key").execute(keys))
                .replaceWithVoid();
    }

    private Uni<Void> agentDays(List<Map.Entry<BatchApplication.AgentWindow, Instant[]>> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OffsetDateTime> from = new ArrayList<>();
        List<OffsetDateTime> to = new ArrayList<>();
        windows.forEach(w -> {
            from.add(time(w.getValue()[0]));
            to.add(time(w.getValue()[1]));
        });
        Tuple keys = Tuple.tuple().addArrayOfString(windows.stream().map(w -> w.getKey().tenantId()).toArray(String[]::new))
                .addArrayOfString(windows.stream().map(w -> w.getKey().agentId()).toArray(String[]::new))
                .addArrayOfOffsetDateTime(from.toArray(OffsetDateTime[]::new)).addArrayOfOffsetDateTime(to.toArray(OffsetDateTime[]::new));
        // Every local day the window [f, e) reaches into.
        String days = "WITH w AS (SELECT k.t, k.a, " + ZONE + " AS zone, k.f, k.e FROM unnest($1::text[], $2::text[], $3::timestamptz[],"
                + " $4::timestamptz[]) AS k(t, a, f, e)), d AS (SELECT DISTINCT w.t AS tenant_id, w.a AS agent_id, w.zone, s.day::date AS day"
                + " FROM w, generate_series((w.f AT TIME ZONE w.zone)::date, ((w.e - interval '1 microsecond') AT TIME ZONE w.zone)::date,"
                + " interval '1 day') AS s(day)) ";
        return db.preparedQuery(days + "DELETE FROM agent_day_time g USING d WHERE g.tenant_id = d.tenant_id AND g.agent_id = d.agent_id"
                + " AND g.day = d.day").execute(keys)
                .chain(() -> db.preparedQuery(days + "INSERT INTO agent_day_time SELECT g.tenant_id, g.agent_id, d.day, " + TIME_SUMS
                        + " FROM d JOIN agent_time g ON g.tenant_id = d.tenant_id AND g.agent_id = d.agent_id AND g.interval_start"
                        + DAY_RANGE.formatted("g") + " GROUP BY g.tenant_id, g.agent_id, d.day").execute(keys))
                .replaceWithVoid();
    }

    /** All of a tenant's days in its (new) zone, under the exclusive zone lock. */
    private Uni<Void> wholeTenant(String tenant) {
        Tuple key = Tuple.of(tenant);
        String zone = "coalesce((SELECT z.time_zone FROM tenant_config z WHERE z.tenant_id = $1), 'UTC')";
        return db.preparedQuery("DELETE FROM day_figures WHERE tenant_id = $1").execute(key)
                .chain(() -> db.preparedQuery("DELETE FROM agent_day_time WHERE tenant_id = $1").execute(key))
                .chain(() -> db.preparedQuery("INSERT INTO day_figures SELECT f.tenant_id, f.dimension, (f.interval_start AT TIME ZONE "
                        + zone + ")::date, f.key, " + FIGURE_SUMS + " FROM interval_figures f WHERE f.tenant_id = $1 GROUP BY 1, 2, 3, 4")
                        .execute(key))
                .chain(() -> db.preparedQuery("INSERT INTO agent_day_time SELECT g.tenant_id, g.agent_id, (g.interval_start AT TIME ZONE "
                        + zone + ")::date, " + TIME_SUMS + " FROM agent_time g WHERE g.tenant_id = $1 GROUP BY 1, 2, 3").execute(key))
                .replaceWithVoid();
    }
}
