package io.switchboard.reporting.persistence;

import static io.switchboard.reporting.persistence.Sql.instant;
import static io.switchboard.reporting.persistence.Sql.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.reporting.domain.AgentTime;
import io.switchboard.reporting.domain.AgentTimeFigures;
import io.switchboard.reporting.domain.BusyPeriod;
import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.FigureCalculator;
import io.switchboard.reporting.domain.FigureKey;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.reporting.domain.Intervals;
import io.switchboard.reporting.domain.LegReport;
import io.switchboard.reporting.domain.StateChange;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recomputes figures from the facts, inside the transaction that changed the facts: the rows of the
 * given (tenant, interval) keys are deleted and inserted again from every leg counted there, and each
 * agent's time rows over a window likewise. Transaction-scoped advisory locks, taken in one order, make
 * two transactions that touch the same interval or agent run one after the other, so the second sees
 * the first's facts.
 */
final class Recomputation {

    record IntervalKey(String tenantId, Instant interval) implements Comparable<IntervalKey> {

        @Override
        public int compareTo(IntervalKey o) {
            int order = tenantId.compareTo(o.tenantId);
            return order != 0 ? order : interval.compareTo(o.interval);
        }
    }

    static final String LEG_REPORT_SELECT = "SELECT " + Sql.LEG_COLUMNS + ", " + Sql.CONTACT_COLUMNS + ", w.completed_at AS wrap_completed_at";
    static final String LEG_REPORT_JOINS = " LEFT JOIN contact_fact c ON c.tenant_id = l.tenant_id AND c.contact_id = l.contact_id"
            + " LEFT JOIN wrap_fact w ON w.tenant_id = l.tenant_id AND w.contact_id = l.contact_id AND w.agent_id = l.agent_id";

    private final SqlConnection db;

    Recomputation(SqlConnection db) {
        this.db = db;
    }

    /** Transaction-scoped locks on the keys, taken in one order (hash order) by every transaction. */
    Uni<Void> lock(Set<IntervalKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended('interval|' || t || '|' || i::text, 0) AS h"
                + " FROM unnest($1::text[], $2::timestamptz[]) AS k(t, i) ORDER BY 1) AS locks").execute(arrays(keys)).replaceWithVoid();
    }

    private static Tuple arrays(Set<IntervalKey> keys) {
        return Tuple.tuple().addArrayOfString(keys.stream().map(IntervalKey::tenantId).toArray(String[]::new))
                .addArrayOfOffsetDateTime(keys.stream().map(k -> time(k.interval())).toArray(OffsetDateTime[]::new));
    }

    /**
     * Recomputes the keys' rows whole from all their legs (the caller holds their locks), writing only the rows
     * whose sums changed.
     *
     * @return how each row moved (a row gone moved by minus its sums)
     */
    Uni<Map<StoredKey, Figures>> intervals(Set<IntervalKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple arrays = arrays(keys);
        Map<StoredKey, Figures> fresh = new HashMap<>();
        Map<StoredKey, Figures> stored = new HashMap<>();
        return db.preparedQuery(LEG_REPORT_SELECT + ", coalesce(q.threshold_seconds, $3) AS threshold_seconds,"
                        + " EXISTS (SELECT 1 FROM contact_fact o WHERE o.tenant_id = c.tenant_id AND o.customer_key = c.customer_key"
                        + " AND o.created_at > c.created_at AND o.created_at <= c.created_at + $4::integer * interval '1 second') AS came_back"
                        + " FROM unnest($1::text[], $2::timestamptz[]) AS k(t, i)"
                        + " JOIN leg_fact l ON l.tenant_id = k.t AND l.interval_start = k.i" + LEG_REPORT_JOINS
                        + " LEFT JOIN queue_config q ON q.tenant_id = l.tenant_id AND q.queue_id = l.queue_id")
                        .execute(Tuple.tuple().addValue(arrays.getValue(0)).addValue(arrays.getValue(1))
                                .addInteger(FigureCalculator.DEFAULT_THRESHOLD_SECONDS)
                                .addInteger((int) io.switchboard.reporting.domain.FirstContactResolution.WINDOW.toSeconds()))
                .invoke(rows -> {
                    Map<String, List<LegReport>> byTenant = new HashMap<>();
                    rows.forEach(row -> byTenant.computeIfAbsent(row.getString("tenant_id"), t -> new ArrayList<>())
                            .add(report(row, row.getInteger("threshold_seconds"), row.getBoolean("came_back"))));
                    byTenant.forEach((tenant, reports) -> FigureCalculator.aggregate(reports)
                            .forEach((key, figures) -> fresh.put(new StoredKey(tenant, key), figures)));
                })
                .chain(() -> db.preparedQuery("SELECT f.tenant_id, f.dimension, f.interval_start, f.key, " + FIGURE_COLUMNS
                        + " FROM unnest($1::text[], $2::timestamptz[]) AS k(t, i) JOIN interval_figures f ON f.tenant_id = k.t"
                        + " AND f.interval_start = k.i").execute(arrays))
                .invoke(rows -> rows.forEach(row -> stored.put(new StoredKey(row.getString(0), new FigureKey(
                        Dimension.valueOf(row.getString(1).toUpperCase(Locale.ROOT)), row.getString(3), instant(row.getOffsetDateTime(2)))),
                        figures(row, 4))))
                .chain(() -> {
                    List<StoredKey> gone = stored.keySet().stream().filter(k -> !fresh.containsKey(k)).toList();
                    List<Map.Entry<StoredKey, Figures>> changed = fresh.entrySet().stream()
                            .filter(e -> !e.getValue().equals(stored.get(e.getKey()))).toList();
                    Map<StoredKey, Figures> moved = new HashMap<>();
                    gone.forEach(k -> moved.put(k, Figures.ZERO.minus(stored.get(k))));
                    changed.forEach(e -> moved.put(e.getKey(), e.getValue().minus(stored.getOrDefault(e.getKey(), Figures.ZERO))));
                    return deleteFigures(gone).chain(() -> upsertFigures(changed, false)).replaceWith(moved);
                });
    }

    /**
     * Adds each row's difference to it (a new row starts from zero); a row left offering nothing has no leg
     * left and is deleted, as a recomputation would leave it out. The caller holds the rows' interval locks.
     */
    Uni<Void> add(Map<StoredKey, Figures> differences) {
        if (differences.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<StoredKey> emptied = differences.entrySet().stream().filter(e -> e.getValue().offered() < 0).map(Map.Entry::getKey).toList();
        return upsertFigures(new ArrayList<>(differences.entrySet()), true)
                .chain(() -> emptied.isEmpty() ? Uni.createFrom().voidItem()
                        : db.preparedQuery("DELETE FROM interval_figures f USING unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])"
                                + " AS k(t, d, i, key) WHERE f.tenant_id = k.t AND f.dimension = k.d AND f.interval_start = k.i AND f.key = k.key"
                                + " AND f.offered = 0").execute(keyArrays(emptied)).replaceWithVoid());
    }

    /** One interval row's key: its tenant and figure key. */
    record StoredKey(String tenantId, FigureKey key) {

        IntervalKey interval() {
            return new IntervalKey(tenantId, key.interval());
        }
    }

    private Uni<Void> deleteFigures(List<StoredKey> gone) {
        if (gone.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("DELETE FROM interval_figures f USING unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])"
                + " AS k(t, d, i, key) WHERE f.tenant_id = k.t AND f.dimension = k.d AND f.interval_start = k.i AND f.key = k.key")
                .execute(keyArrays(gone)).replaceWithVoid();
    }

    private static Tuple keyArrays(List<StoredKey> keys) {
        return Tuple.tuple().addArrayOfString(keys.stream().map(StoredKey::tenantId).toArray(String[]::new))
                .addArrayOfString(keys.stream().map(k -> k.key().dimension().slug()).toArray(String[]::new))
                .addArrayOfOffsetDateTime(keys.stream().map(k -> time(k.key().interval())).toArray(OffsetDateTime[]::new))
                .addArrayOfString(keys.stream().map(k -> k.key().key()).toArray(String[]::new));
    }

    /** The changed and new rows in one statement: 21 arrays, one element per row; {@code add}: the values are differences. */
    private Uni<Void> upsertFigures(List<Map.Entry<StoredKey, Figures>> rows, boolean add) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple arrays = Tuple.tuple().addArrayOfString(rows.stream().map(e -> e.getKey().tenantId()).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(e -> e.getKey().key().dimension().slug()).toArray(String[]::new))
                .addArrayOfOffsetDateTime(rows.stream().map(e -> time(e.getKey().key().interval())).toArray(OffsetDateTime[]::new))
                .addArrayOfString(rows.stream().map(e -> e.getKey().key().key()).toArray(String[]::new));
        for (int column = 0; column < FIGURES; column++) {
            int c = column;
            arrays.addArrayOfLong(rows.stream().map(e -> values(e.getValue())[c]).toArray(Long[]::new));
        }
        StringBuilder types = new StringBuilder("$1::text[], $2::text[], $3::timestamptz[], $4::text[]");
        for (int i = 5; i < 5 + FIGURES; i++) {
            types.append(", $").append(i).append("::bigint[]");
        }
        return db.preparedQuery("INSERT INTO interval_figures (tenant_id, dimension, interval_start, key, " + FIGURE_COLUMNS
                + ") SELECT * FROM unnest(" + types + ") ON CONFLICT (tenant_id, dimension, interval_start, key) DO UPDATE SET "
                + java.util.Arrays.stream(FIGURE_COLUMNS.split(", "))
                        .map(c -> c + " = " + (add ? "interval_figures." + c + " + " : "") + "excluded." + c)
                        .collect(java.util.stream.Collectors.joining(", ")))
                .execute(arrays).replaceWithVoid();
    }

    static final String FIGURE_COLUMNS = "offered, answered, abandoned, short_abandoned, answered_in_threshold, answer_wait_ms,"
            + " handled, talk_ms, hold_ms, wrap_ms, transfers, overflows, fcr_contacts, fcr_resolved, surveys, csat_satisfied, csat_score_sum";
    static final int FIGURES = 17;

    static long[] values(Figures f) {
        return new long[] { f.offered(), f.answered(), f.abandoned(), f.shortAbandoned(), f.answeredInThreshold(), f.answerWaitMs(),
                f.handled(), f.talkMs(), f.holdMs(), f.wrapMs(), f.transfers(), f.overflows(), f.fcrContacts(), f.fcrResolved(),
                f.surveys(), f.csatSatisfied(), f.csatScoreSum() };
    }

    private static Figures figures(Row row, int first) {
        long[] v = new long[FIGURES];
        for (int i = 0; i < v.length; i++) {
            v[i] = row.getLong(first + i);
        }
        return new Figures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15],
                v[16]);
    }

    /**
     * @param windows per agent, the first and last instant (epoch ms) whose time may have changed
     * @return how each agent_time row moved (a row gone moved by minus its sums)
     */
    Uni<Map<AgentRow, AgentTimeFigures>> agents(Map<BatchApplication.AgentWindow, long[]> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<BatchApplication.AgentWindow> agents = new ArrayList<>(windows.keySet());
        Map<BatchApplication.AgentWindow, Instant[]> ranges = new HashMap<>();
        for (BatchApplication.AgentWindow agent : agents) {
            long[] window = windows.get(agent);
            Instant from = Intervals.floor(Instant.ofEpochMilli(window[0]));
            Instant to = Intervals.ceil(Instant.ofEpochMilli(window[1]));
            ranges.put(agent, new Instant[] { from, to.isAfter(from) ? to : from.plus(Intervals.LENGTH) });
        }
        Tuple keys = Tuple.tuple().addArrayOfString(agents.stream().map(BatchApplication.AgentWindow::tenantId).toArray(String[]::new))
                .addArrayOfString(agents.stream().map(BatchApplication.AgentWindow::agentId).toArray(String[]::new))
                .addArrayOfOffsetDateTime(agents.stream().map(a -> time(ranges.get(a)[0])).toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(agents.stream().map(a -> time(ranges.get(a)[1])).toArray(OffsetDateTime[]::new));
        String windowsTable = " unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS k(t, a, f, e)";
        Map<BatchApplication.AgentWindow, List<StateChange>> changes = new HashMap<>();
        Map<BatchApplication.AgentWindow, List<BusyPeriod>> busy = new HashMap<>();
        Map<AgentRow, AgentTimeFigures> moved = new HashMap<>();
        return db.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended('agent|' || t || '|' || a, 0) AS h"
                + " FROM unnest($1::text[], $2::text[]) AS k(t, a) ORDER BY 1) AS locks")
                .execute(Tuple.tuple().addArrayOfString(agents.stream().map(BatchApplication.AgentWindow::tenantId).toArray(String[]::new))
                        .addArrayOfString(agents.stream().map(BatchApplication.AgentWindow::agentId).toArray(String[]::new)))
                // Each window's changes, from the last at or before its start to the first at or after its end.
                .chain(() -> db.preparedQuery("SELECT k.t, k.a, s.at, s.state, s.event_id FROM" + windowsTable
                        + " JOIN agent_state s ON s.tenant_id = k.t AND s.agent_id = k.a"
                        + " AND s.at >= coalesce((SELECT max(x.at) FROM agent_state x WHERE x.tenant_id = k.t AND x.agent_id = k.a AND x.at <= k.f), k.f)"
                        + " AND s.at <= coalesce((SELECT min(x.at) FROM agent_state x WHERE x.tenant_id = k.t AND x.agent_id = k.a AND x.at >= k.e), k.e)")
                        .execute(keys))
                .invoke(rows -> rows.forEach(row -> changes.computeIfAbsent(new BatchApplication.AgentWindow(row.getString(0), row.getString(1)),
                        k -> new ArrayList<>()).add(new StateChange(row.getString(0), row.getString(1), instant(row.getOffsetDateTime(2)),
                                AgentStateChanged.State.valueOf(row.getString(3)), row.getUUID(4)))))
                // Stretches reaching into each window: legs assigned before its end whose busy time (handling, then
                // wrap-up) ends in or after it; both bounds are in the index (V5).
                .chain(() -> db.preparedQuery(LEG_REPORT_SELECT + " FROM" + windowsTable + " JOIN leg_fact l ON l.tenant_id = k.t"
                        + " AND l.agent_id = k.a AND l.busy_end >= k.f AND l.assigned_at < k.e" + LEG_REPORT_JOINS)
                        .execute(keys))
                .invoke(rows -> rows.forEach(row -> {
                    LegReport report = report(row, 0, false);
                    busy.computeIfAbsent(new BatchApplication.AgentWindow(report.leg().tenantId(), report.leg().agentId()),
                            k -> new ArrayList<>()).addAll(BusyPeriod.of(report));
                }))
                .chain(() -> db.preparedQuery("SELECT g.tenant_id, g.agent_id, g.interval_start, g.logged_in_ms, g.available_ms, g.busy_ms,"
                        + " g.available_idle_ms FROM" + windowsTable + " JOIN agent_time g ON g.tenant_id = k.t AND g.agent_id = k.a"
                        + " AND g.interval_start >= k.f AND g.interval_start < k.e").execute(keys))
                .chain(storedRows -> {
                    Map<AgentRow, AgentTimeFigures> stored = new HashMap<>();
                    storedRows.forEach(row -> stored.put(new AgentRow(new BatchApplication.AgentWindow(row.getString(0), row.getString(1)),
                            instant(row.getOffsetDateTime(2))), new AgentTimeFigures(row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6))));
                    Map<AgentRow, AgentTimeFigures> fresh = new HashMap<>();
                    for (BatchApplication.AgentWindow agent : agents) {
                        List<StateChange> sorted = new ArrayList<>(changes.getOrDefault(agent, List.of()));
                        sorted.sort(StateChange.ORDER);
                        Instant[] range = ranges.get(agent);
                        AgentTime.intervals(sorted, busy.getOrDefault(agent, List.of()), range[0], range[1]).forEach((interval, t) -> {
                            if (!t.isZero()) {
                                fresh.put(new AgentRow(agent, interval), t);
                            }
                        });
                    }
                    List<AgentRow> gone = stored.keySet().stream().filter(k -> !fresh.containsKey(k)).toList();
                    List<Map.Entry<AgentRow, AgentTimeFigures>> changed = fresh.entrySet().stream()
                            .filter(e -> !e.getValue().equals(stored.get(e.getKey()))).toList();
                    gone.forEach(k -> moved.put(k, AgentTimeFigures.ZERO.minus(stored.get(k))));
                    changed.forEach(e -> moved.put(e.getKey(), e.getValue().minus(stored.getOrDefault(e.getKey(), AgentTimeFigures.ZERO))));
                    return deleteTime(gone).chain(() -> upsertTime(changed));
                })
                .map(nothing -> moved);
    }

    /** One agent_time row's key. */
    record AgentRow(BatchApplication.AgentWindow agent, Instant interval) {
    }

    private Uni<Void> deleteTime(List<AgentRow> gone) {
        if (gone.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("DELETE FROM agent_time g USING unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(t, a, i)"
                + " WHERE g.tenant_id = k.t AND g.agent_id = k.a AND g.interval_start = k.i")
                .execute(Tuple.tuple().addArrayOfString(gone.stream().map(k -> k.agent().tenantId()).toArray(String[]::new))
                        .addArrayOfString(gone.stream().map(k -> k.agent().agentId()).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(gone.stream().map(k -> time(k.interval())).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> upsertTime(List<Map.Entry<AgentRow, AgentTimeFigures>> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("INSERT INTO agent_time (tenant_id, agent_id, interval_start, logged_in_ms, available_ms, busy_ms,"
                + " available_idle_ms) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::bigint[],"
                + " $6::bigint[], $7::bigint[]) ON CONFLICT (tenant_id, interval_start, agent_id) DO UPDATE SET"
                + " logged_in_ms = excluded.logged_in_ms, available_ms = excluded.available_ms, busy_ms = excluded.busy_ms,"
                + " available_idle_ms = excluded.available_idle_ms")
                .execute(Tuple.tuple().addArrayOfString(rows.stream().map(e -> e.getKey().agent().tenantId()).toArray(String[]::new))
                        .addArrayOfString(rows.stream().map(e -> e.getKey().agent().agentId()).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(rows.stream().map(e -> time(e.getKey().interval())).toArray(OffsetDateTime[]::new))
                        .addArrayOfLong(rows.stream().map(e -> e.getValue().loggedIn()).toArray(Long[]::new))
                        .addArrayOfLong(rows.stream().map(e -> e.getValue().available()).toArray(Long[]::new))
                        .addArrayOfLong(rows.stream().map(e -> e.getValue().busy()).toArray(Long[]::new))
                        .addArrayOfLong(rows.stream().map(e -> e.getValue().availableIdle()).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    static LegReport report(Row row, int thresholdSeconds, boolean cameBack) {
        return new LegReport(Sql.leg(row), Sql.contact(row, row.getString("tenant_id")),
                instant(row.getOffsetDateTime("wrap_completed_at")), thresholdSeconds, cameBack);
    }


}
