package io.switchboard.reporting.persistence;

import static io.switchboard.reporting.persistence.Sql.instant;
import static io.switchboard.reporting.persistence.Sql.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.reporting.domain.AgentTime;
import io.switchboard.reporting.domain.AgentTimeFigures;
import io.switchboard.reporting.domain.BusyPeriod;
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

    Uni<Void> intervals(Set<IntervalKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple arrays = Tuple.tuple().addArrayOfString(keys.stream().map(IntervalKey::tenantId).toArray(String[]::new))
                .addArrayOfOffsetDateTime(keys.stream().map(k -> time(k.interval())).toArray(OffsetDateTime[]::new));
        return db.preparedQuery("SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended('interval|' || t || '|' || i::text, 0) AS h"
                + " FROM unnest($1::text[], $2::timestamptz[]) AS k(t, i) ORDER BY 1) AS locks").execute(arrays)
                .chain(() -> db.preparedQuery("DELETE FROM interval_figures f USING unnest($1::text[], $2::timestamptz[]) AS k(t, i)"
                        + " WHERE f.tenant_id = k.t AND f.interval_start = k.i").execute(arrays))
                .chain(() -> db.preparedQuery(LEG_REPORT_SELECT + ", coalesce(q.threshold_seconds, $3) AS threshold_seconds,"
                        + " EXISTS (SELECT 1 FROM contact_fact o WHERE o.tenant_id = c.tenant_id AND o.customer_key = c.customer_key"
                        + " AND o.created_at > c.created_at AND o.created_at <= c.created_at + $4::integer * interval '1 second') AS came_back"
                        + " FROM unnest($1::text[], $2::timestamptz[]) AS k(t, i)"
                        + " JOIN leg_fact l ON l.tenant_id = k.t AND l.interval_start = k.i" + LEG_REPORT_JOINS
                        + " LEFT JOIN queue_config q ON q.tenant_id = l.tenant_id AND q.queue_id = l.queue_id")
                        .execute(arrays.addInteger(FigureCalculator.DEFAULT_THRESHOLD_SECONDS)
                                .addInteger((int) io.switchboard.reporting.domain.FirstContactResolution.WINDOW.toSeconds())))
                .chain(rows -> {
                    Map<String, List<LegReport>> byTenant = new HashMap<>();
                    rows.forEach(row -> byTenant.computeIfAbsent(row.getString("tenant_id"), t -> new ArrayList<>())
                            .add(report(row, row.getInteger("threshold_seconds"), row.getBoolean("came_back"))));
                    List<Tuple> inserts = new ArrayList<>();
                    byTenant.forEach((tenant, reports) -> FigureCalculator.aggregate(reports)
                            .forEach((key, figures) -> inserts.add(figureRow(tenant, key, figures))));
                    if (inserts.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return db.preparedQuery("INSERT INTO interval_figures (tenant_id, dimension, interval_start, key, offered, answered,"
                            + " abandoned, short_abandoned, answered_in_threshold, answer_wait_ms, handled, talk_ms, hold_ms, wrap_ms,"
                            + " transfers, overflows, fcr_contacts, fcr_resolved, surveys, csat_satisfied, csat_score_sum) VALUES ($1, $2,"
                            + " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)").executeBatch(inserts).replaceWithVoid();
                });
    }

    /**
     * @param windows per agent, the first and last instant (epoch ms) whose time may have changed
     * @return per agent, the [from, to) window of interval rows recomputed
     */
    Uni<Map<BatchApplication.AgentWindow, Instant[]>> agents(Map<BatchApplication.AgentWindow, long[]> windows) {
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
                // Stretches reaching into each window: legs whose handling ends in or after it, and legs whose wrap-up does.
                .chain(() -> db.preparedQuery(LEG_REPORT_SELECT + " FROM" + windowsTable + " JOIN leg_fact l ON l.tenant_id = k.t"
                        + " AND l.agent_id = k.a AND l.handle_end >= k.f AND l.assigned_at < k.e" + LEG_REPORT_JOINS
                        + " UNION " + LEG_REPORT_SELECT + " FROM" + windowsTable + " JOIN wrap_fact ww ON ww.tenant_id = k.t"
                        + " AND ww.agent_id = k.a AND ww.completed_at >= k.f JOIN leg_fact l ON l.tenant_id = ww.tenant_id"
                        + " AND l.contact_id = ww.contact_id AND l.agent_id = ww.agent_id AND l.assigned_at < k.e" + LEG_REPORT_JOINS)
                        .execute(keys))
                .invoke(rows -> rows.forEach(row -> {
                    LegReport report = report(row, 0, false);
                    busy.computeIfAbsent(new BatchApplication.AgentWindow(report.leg().tenantId(), report.leg().agentId()),
                            k -> new ArrayList<>()).addAll(BusyPeriod.of(report));
                }))
                .chain(() -> db.preparedQuery("DELETE FROM agent_time g USING" + windowsTable
                        + " WHERE g.tenant_id = k.t AND g.agent_id = k.a AND g.interval_start >= k.f AND g.interval_start < k.e").execute(keys))
                .chain(() -> {
                    List<Tuple> rows = new ArrayList<>();
                    for (BatchApplication.AgentWindow agent : agents) {
                        List<StateChange> sorted = new ArrayList<>(changes.getOrDefault(agent, List.of()));
                        sorted.sort(StateChange.ORDER);
                        Instant[] range = ranges.get(agent);
                        AgentTime.intervals(sorted, busy.getOrDefault(agent, List.of()), range[0], range[1]).forEach((interval, t) -> {
                            if (!t.isZero()) {
                                rows.add(Tuple.tuple().addString(agent.tenantId()).addString(agent.agentId()).addOffsetDateTime(time(interval))
                                        .addLong(t.loggedIn()).addLong(t.available()).addLong(t.busy()).addLong(t.availableIdle()));
                            }
                        });
                    }
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return db.preparedQuery("INSERT INTO agent_time (tenant_id, agent_id, interval_start, logged_in_ms, available_ms,"
                            + " busy_ms, available_idle_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(rows).replaceWithVoid();
                })
                .replaceWith(ranges);
    }

    private static LegReport report(Row row, int thresholdSeconds, boolean cameBack) {
        return new LegReport(Sql.leg(row), Sql.contact(row, row.getString("tenant_id")),
                instant(row.getOffsetDateTime("wrap_completed_at")), thresholdSeconds, cameBack);
    }

    private static Tuple figureRow(String tenant, FigureKey key, Figures f) {
        return Tuple.tuple().addString(tenant).addString(key.dimension().slug()).addOffsetDateTime(time(key.interval()))
                .addString(key.key()).addLong(f.offered()).addLong(f.answered()).addLong(f.abandoned()).addLong(f.shortAbandoned())
                .addLong(f.answeredInThreshold()).addLong(f.answerWaitMs()).addLong(f.handled()).addLong(f.talkMs())
                .addLong(f.holdMs()).addLong(f.wrapMs()).addLong(f.transfers()).addLong(f.overflows()).addLong(f.fcrContacts())
                .addLong(f.fcrResolved()).addLong(f.surveys()).addLong(f.csatSatisfied()).addLong(f.csatScoreSum());
    }

}
