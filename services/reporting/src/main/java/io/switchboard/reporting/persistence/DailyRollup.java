package io.switchboard.reporting.persistence;

import static io.switchboard.reporting.persistence.Sql.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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

    private static final String FIGURE_SUMS = "sum(f.offered), sum(f.answered), sum(f.abandoned), sum(f.short_abandoned),"
            + " sum(f.answered_in_threshold), sum(f.answer_wait_ms), sum(f.handled), sum(f.talk_ms), sum(f.hold_ms), sum(f.wrap_ms),"
            + " sum(f.transfers), sum(f.overflows), sum(f.fcr_contacts), sum(f.fcr_resolved), sum(f.surveys), sum(f.csat_satisfied),"
            + " sum(f.csat_score_sum)";
    private static final String TIME_SUMS = "sum(g.logged_in_ms), sum(g.available_ms), sum(g.busy_ms), sum(g.available_idle_ms)";

    /** A tenant's local day and the instants it spans, [start, end), as the reader's buckets are cut (java.time's rules). */
    record Day(String tenantId, LocalDate day, Instant start, Instant end) {

        static Day of(String tenantId, LocalDate day, ZoneId zone) {
            return new Day(tenantId, day, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

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
        Map<String, ZoneId> zones = new HashMap<>();
        return lockZones(tenants, zoneChanged)
                // Read after the zone locks: a zone another transaction changed is committed by now.
                .chain(() -> db.preparedQuery("SELECT tenant_id, time_zone FROM tenant_config WHERE tenant_id = ANY($1)")
                        .execute(Tuple.of(tenants.toArray(String[]::new))))
                .invoke(rows -> rows.forEach(row -> zones.put(row.getString(0), ZoneId.of(row.getString(1)))))
                .chain(() -> {
                    Set<Day> days = new TreeSet<>(DAY_ORDER);
                    for (Recomputation.IntervalKey k : intervals) {
                        if (!zoneChanged.contains(k.tenantId())) {
                            ZoneId zone = zones.getOrDefault(k.tenantId(), ZoneOffset.UTC);
                            days.add(Day.of(k.tenantId(), k.interval().atZone(zone).toLocalDate(), zone));
                        }
                    }
                    return days(new ArrayList<>(days));
                })
                .chain(() -> {
                    List<String> agentIds = new ArrayList<>();
                    List<Day> days = new ArrayList<>();
                    agents.forEach((agent, range) -> {
                        if (!zoneChanged.contains(agent.tenantId())) {
                            ZoneId zone = zones.getOrDefault(agent.tenantId(), ZoneOffset.UTC);
                            LocalDate last = range[1].minusNanos(1).atZone(zone).toLocalDate();
                            for (LocalDate day = range[0].atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
                                agentIds.add(agent.agentId());
                                days.add(Day.of(agent.tenantId(), day, zone));
                            }
                        }
                    });
                    return agentDays(agentIds, days);
                })
                .chain(() -> Sql.each(zoneChanged, this::wholeTenant));
    }

    private static final java.util.Comparator<Day> DAY_ORDER = java.util.Comparator.comparing(Day::tenantId).thenComparing(Day::day);

    private Uni<Void> lockZones(Set<String> tenants, Set<String> zoneChanged) {
        List<Boolean> exclusive = tenants.stream().map(zoneChanged::contains).toList();
        return db.preparedQuery("SELECT CASE WHEN x THEN pg_advisory_xact_lock(h) ELSE pg_advisory_xact_lock_shared(h) END"
                + " FROM (SELECT hashtextextended('zone|' || t, 0) AS h, bool_or(x) AS x FROM unnest($1::text[], $2::boolean[]) AS k(t, x)"
                + " GROUP BY 1 ORDER BY 1) AS locks")
                .execute(Tuple.tuple().addArrayOfString(tenants.toArray(String[]::new)).addArrayOfBoolean(exclusive.toArray(Boolean[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> days(List<Day> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple keys = Tuple.tuple().addArrayOfString(days.stream().map(Day::tenantId).toArray(String[]::new))
                .addArrayOfLocalDate(days.stream().map(Day::day).toArray(LocalDate[]::new))
                .addArrayOfOffsetDateTime(days.stream().map(d -> time(d.start())).toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(days.stream().map(d -> time(d.end())).toArray(OffsetDateTime[]::new));
        String table = " unnest($1::text[], $2::date[], $3::timestamptz[], $4::timestamptz[]) AS d(t, day, s, e)";
        return db.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended('day|' || t || '|' || day::text, 0) AS h"
                + " FROM" + table + " ORDER BY 1) AS locks").execute(keys)
                .chain(() -> db.preparedQuery("DELETE FROM day_figures f USING" + table + " WHERE f.tenant_id = d.t AND f.day = d.day")
                        .execute(keys))
                .chain(() -> db.preparedQuery("INSERT INTO day_figures SELECT f.tenant_id, f.dimension, d.day, f.key, " + FIGURE_SUMS
                        + " FROM" + table + " JOIN interval_figures f ON f.tenant_id = d.t AND f.interval_start >= d.s AND f.interval_start < d.e"
                        + " GROUP BY f.tenant_id, f.dimension, d.day, f.key").execute(keys))
                .replaceWithVoid();
    }

    private Uni<Void> agentDays(List<String> agentIds, List<Day> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple keys = Tuple.tuple().addArrayOfString(days.stream().map(Day::tenantId).toArray(String[]::new))
                .addArrayOfString(agentIds.toArray(String[]::new))
                .addArrayOfLocalDate(days.stream().map(Day::day).toArray(LocalDate[]::new))
                .addArrayOfOffsetDateTime(days.stream().map(d -> time(d.start())).toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(days.stream().map(d -> time(d.end())).toArray(OffsetDateTime[]::new));
        String table = " unnest($1::text[], $2::text[], $3::date[], $4::timestamptz[], $5::timestamptz[]) AS d(t, a, day, s, e)";
        return db.preparedQuery("DELETE FROM agent_day_time g USING" + table + " WHERE g.tenant_id = d.t AND g.day = d.day AND g.agent_id = d.a")
                .execute(keys)
                .chain(() -> db.preparedQuery("INSERT INTO agent_day_time SELECT g.tenant_id, g.agent_id, d.day, " + TIME_SUMS + " FROM" + table
                        + " JOIN agent_time g ON g.tenant_id = d.t AND g.agent_id = d.a AND g.interval_start >= d.s AND g.interval_start < d.e"
                        + " GROUP BY g.tenant_id, g.agent_id, d.day").execute(keys))
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
