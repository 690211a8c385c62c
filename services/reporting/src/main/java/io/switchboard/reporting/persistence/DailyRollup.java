package io.switchboard.reporting.persistence;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;
import io.switchboard.reporting.domain.AgentTimeFigures;
import io.switchboard.reporting.domain.Figures;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code day_figures} and {@code agent_day_time}, the sums of each local day's 15-minute rows in the
 * tenant's time zone, in the transaction that moved those rows: each day row moves by the sum of what its
 * interval rows moved (a day holds only sums), so a day stays exactly the sum of its intervals whatever the order
 * of events, and a batch reads no day's intervals. A tenant whose zone changes has all its days summed again.
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

    private final SqlConnection db;

    DailyRollup(SqlConnection db) {
        this.db = db;
    }

    /**
     * @param intervals   how each interval row moved in this transaction
     * @param agents      how each agent_time row moved in this transaction
     * @param zoneChanged tenants whose time zone this transaction changed: all their days are summed again
     */
    Uni<Void> update(Map<Recomputation.StoredKey, Figures> intervals, Map<Recomputation.AgentRow, AgentTimeFigures> agents,
            Set<String> zoneChanged) {
        Set<String> tenants = new TreeSet<>(zoneChanged);
        intervals.keySet().forEach(k -> tenants.add(k.tenantId()));
        agents.keySet().forEach(a -> tenants.add(a.agent().tenantId()));
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
                    Map<DayRow, Figures> days = new TreeMap<>(DAY_ROW_ORDER);
                    intervals.forEach((k, moved) -> {
                        if (!zoneChanged.contains(k.tenantId())) {
                            ZoneId zone = zones.getOrDefault(k.tenantId(), ZoneOffset.UTC);
                            days.merge(new DayRow(k.tenantId(), k.key().dimension().slug(), k.key().interval().atZone(zone).toLocalDate(),
                                    k.key().key()), moved, Figures::plus);
                        }
                    });
                    days.values().removeIf(Figures::isZero);
                    return days(days);
                })
                .chain(() -> {
                    Map<AgentDay, AgentTimeFigures> days = new TreeMap<>(AGENT_DAY_ORDER);
                    agents.forEach((row, moved) -> {
                        if (!zoneChanged.contains(row.agent().tenantId())) {
                            ZoneId zone = zones.getOrDefault(row.agent().tenantId(), ZoneOffset.UTC);
                            days.merge(new AgentDay(row.agent().tenantId(), row.agent().agentId(), row.interval().atZone(zone).toLocalDate()),
                                    moved, AgentTimeFigures::plus);
                        }
                    });
                    days.values().removeIf(AgentTimeFigures::isZero);
                    return agentDays(days);
                })
                .chain(() -> Sql.each(zoneChanged, this::wholeTenant));
    }

    /** One day_figures row's key. */
    private record DayRow(String tenantId, String dimension, LocalDate day, String key) {
    }

    /** One agent_day_time row's key. */
    private record AgentDay(String tenantId, String agentId, LocalDate day) {
    }

    private static final Comparator<DayRow> DAY_ROW_ORDER = Comparator.comparing(DayRow::tenantId).thenComparing(DayRow::day)
            .thenComparing(DayRow::dimension).thenComparing(DayRow::key);
    private static final Comparator<AgentDay> AGENT_DAY_ORDER = Comparator.comparing(AgentDay::tenantId).thenComparing(AgentDay::day)
            .thenComparing(AgentDay::agentId);

    private Uni<Void> lockZones(Set<String> tenants, Set<String> zoneChanged) {
        List<Boolean> exclusive = tenants.stream().map(zoneChanged::contains).toList();
        return db.preparedQuery("SELECT CASE WHEN x THEN pg_advisory_xact_lock(h) ELSE pg_advisory_xact_lock_shared(h) END"
                + " FROM (SELECT hashtextextended('zone|' || t, 0) AS h, bool_or(x) AS x FROM unnest($1::text[], $2::boolean[]) AS k(t, x)"
                + " GROUP BY 1 ORDER BY 1) AS locks")
                .execute(Tuple.tuple().addArrayOfString(tenants.toArray(String[]::new)).addArrayOfBoolean(exclusive.toArray(Boolean[]::new)))
                .replaceWithVoid();
    }

    /**
     * Adds each day row's difference to it (a new row starts from zero) and deletes the rows left offering
     * nothing: every interval row offers at least one leg, so a day with none has no interval row left.
     */
    private Uni<Void> days(Map<DayRow, Figures> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DayRow> keys = new ArrayList<>(days.keySet());
        Tuple locks = Tuple.tuple().addArrayOfString(keys.stream().map(DayRow::tenantId).toArray(String[]::new))
                .addArrayOfLocalDate(keys.stream().map(DayRow::day).toArray(LocalDate[]::new));
        Tuple rows = Tuple.tuple().addArrayOfString(keys.stream().map(DayRow::tenantId).toArray(String[]::new))
                .addArrayOfString(keys.stream().map(DayRow::dimension).toArray(String[]::new))
                .addArrayOfLocalDate(keys.stream().map(DayRow::day).toArray(LocalDate[]::new))
                .addArrayOfString(keys.stream().map(DayRow::key).toArray(String[]::new));
        StringBuilder types = new StringBuilder("$1::text[], $2::text[], $3::date[], $4::text[]");
        for (int column = 0; column < Recomputation.FIGURES; column++) {
            int c = column;
            rows.addArrayOfLong(keys.stream().map(k -> Recomputation.values(days.get(k))[c]).toArray(Long[]::new));
            types.append(", $").append(5 + column).append("::bigint[]");
        }
        List<DayRow> emptied = keys.stream().filter(k -> days.get(k).offered() < 0).toList();
        return db.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended('day|' || t || '|' || day::text, 0) AS h"
                + " FROM unnest($1::text[], $2::date[]) AS d(t, day) ORDER BY 1) AS locks").execute(locks)
                .chain(() -> db.preparedQuery("INSERT INTO day_figures (tenant_id, dimension, day, key, " + Recomputation.FIGURE_COLUMNS
                        + ") SELECT * FROM unnest(" + types + ") ON CONFLICT (tenant_id, dimension, day, key) DO UPDATE SET "
                        + Arrays.stream(Recomputation.FIGURE_COLUMNS.split(", ")).map(c -> c + " = day_figures." + c + " + excluded." + c)
                                .collect(Collectors.joining(", ")))
                        .execute(rows))
                .chain(() -> emptied.isEmpty() ? Uni.createFrom().voidItem()
                        : db.preparedQuery("DELETE FROM day_figures f USING unnest($1::text[], $2::text[], $3::date[], $4::text[])"
                                + " AS k(t, d, day, key) WHERE f.tenant_id = k.t AND f.dimension = k.d AND f.day = k.day AND f.key = k.key"
                                + " AND f.offered = 0")
                                .execute(Tuple.tuple().addArrayOfString(emptied.stream().map(DayRow::tenantId).toArray(String[]::new))
                                        .addArrayOfString(emptied.stream().map(DayRow::dimension).toArray(String[]::new))
                                        .addArrayOfLocalDate(emptied.stream().map(DayRow::day).toArray(LocalDate[]::new))
                                        .addArrayOfString(emptied.stream().map(DayRow::key).toArray(String[]::new)))
                                .replaceWithVoid())
                .replaceWithVoid();
    }

    /**
     * Adds each agent day's difference to it and deletes the days left with no time: a stored agent_time row
     * has some time, so a day with none has no row left.
     */
    private Uni<Void> agentDays(Map<AgentDay, AgentTimeFigures> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AgentDay> keys = new ArrayList<>(days.keySet());
        List<AgentDay> emptied = keys.stream().filter(k -> {
            AgentTimeFigures d = days.get(k);
            return d.loggedIn() < 0 || d.available() < 0 || d.busy() < 0 || d.availableIdle() < 0;
        }).toList();
        return db.preparedQuery("INSERT INTO agent_day_time (tenant_id, agent_id, day, logged_in_ms, available_ms, busy_ms, available_idle_ms)"
                + " SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])"
                + " ON CONFLICT (tenant_id, day, agent_id) DO UPDATE SET logged_in_ms = agent_day_time.logged_in_ms + excluded.logged_in_ms,"
                + " available_ms = agent_day_time.available_ms + excluded.available_ms, busy_ms = agent_day_time.busy_ms + excluded.busy_ms,"
                + " available_idle_ms = agent_day_time.available_idle_ms + excluded.available_idle_ms")
                .execute(Tuple.tuple().addArrayOfString(keys.stream().map(AgentDay::tenantId).toArray(String[]::new))
                        .addArrayOfString(keys.stream().map(AgentDay::agentId).toArray(String[]::new))
                        .addArrayOfLocalDate(keys.stream().map(AgentDay::day).toArray(LocalDate[]::new))
                        .addArrayOfLong(keys.stream().map(k -> days.get(k).loggedIn()).toArray(Long[]::new))
                        .addArrayOfLong(keys.stream().map(k -> days.get(k).available()).toArray(Long[]::new))
                        .addArrayOfLong(keys.stream().map(k -> days.get(k).busy()).toArray(Long[]::new))
                        .addArrayOfLong(keys.stream().map(k -> days.get(k).availableIdle()).toArray(Long[]::new)))
                .chain(() -> emptied.isEmpty() ? Uni.createFrom().voidItem()
                        : db.preparedQuery("DELETE FROM agent_day_time g USING unnest($1::text[], $2::text[], $3::date[]) AS k(t, a, day)"
                                + " WHERE g.tenant_id = k.t AND g.agent_id = k.a AND g.day = k.day AND g.logged_in_ms = 0"
                                + " AND g.available_ms = 0 AND g.busy_ms = 0 AND g.available_idle_ms = 0")
                                .execute(Tuple.tuple().addArrayOfString(emptied.stream().map(AgentDay::tenantId).toArray(String[]::new))
                                        .addArrayOfString(emptied.stream().map(AgentDay::agentId).toArray(String[]::new))
                                        .addArrayOfLocalDate(emptied.stream().map(AgentDay::day).toArray(LocalDate[]::new)))
                                .replaceWithVoid())
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
