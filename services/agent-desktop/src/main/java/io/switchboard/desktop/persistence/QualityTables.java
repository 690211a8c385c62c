package io.switchboard.desktop.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.desktop.domain.Evaluation;
import io.switchboard.desktop.domain.QaPolicy;
import io.switchboard.desktop.domain.QaSampler;
import io.switchboard.desktop.domain.QualityStore;
import io.switchboard.desktop.domain.Scorecard;
import io.switchboard.desktop.domain.StoreException;

/** Quality monitoring's tables in the desktop's schema: policies, scorecards and the evaluation list. */
@ApplicationScoped
public class QualityTables implements QualityStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Scorecard.Criterion>> CRITERIA = new TypeReference<>() {
    };
    /** The scorecard an evaluation was scored against, stored whole with it. */
    private static final TypeReference<Scorecard> SCORECARD = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> COMMENTS = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public QualityTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Handled> handled(String contactId) {
        return one("""
                SELECT contact_id, tenant_id, queue_id, wrap_up_agent_id, channel, ended_at FROM contact
                 WHERE contact_id = ? AND status = 'ENDED' AND wrap_up_agent_id IS NOT NULL AND ended_at IS NOT NULL""",
                r -> new Handled(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getTimestamp(6).toInstant()), contactId);
    }

    @Override
    public boolean queueExists(String tenantId, String queueId) {
        return one("SELECT 1 FROM queue WHERE tenant_id = ? AND queue_id = ?", r -> true, tenantId, queueId).isPresent();
    }

    @Override
    public QaPolicy policy(String tenantId, String queueId) {
        return one("SELECT share, minimum_per_agent_week FROM qa_policy WHERE tenant_id = ? AND queue_id = ?",
                r -> new QaPolicy(r.getDouble(1), r.getInt(2)), tenantId, queueId).orElse(QaPolicy.NONE);
    }

    @Override
    public void setPolicy(String tenantId, String queueId, QaPolicy policy) {
        update("""
                INSERT INTO qa_policy (tenant_id, queue_id, share, minimum_per_agent_week) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, queue_id) DO UPDATE SET share = EXCLUDED.share,
                    minimum_per_agent_week = EXCLUDED.minimum_per_agent_week""",
                tenantId, queueId, policy.share(), policy.minimumPerAgentPerWeek());
    }

    @Override
    public int sampledInWeek(String tenantId, String agentId, Instant weekStart, Instant weekEnd) {
        return one("SELECT count(*) FROM qa_evaluation WHERE tenant_id = ? AND agent_id = ? AND ended_at >= ? AND ended_at < ?",
                r -> r.getInt(1), tenantId, agentId, Timestamp.from(weekStart), Timestamp.from(weekEnd)).orElse(0);
    }

    @Override
    public boolean addToList(Evaluation e) {
        return update("""
                INSERT INTO qa_evaluation (evaluation_id, contact_id, tenant_id, queue_id, agent_id, channel, reason, ended_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING') ON CONFLICT DO NOTHING""",
                e.evaluationId(), e.contactId(), e.tenantId(), e.queueId(), e.agentId(), e.channel(), e.reason().name(),
                Timestamp.from(e.endedAt())) == 1;
    }

    @Override
    public Optional<Scorecard> scorecard(String tenantId) {
        return one("SELECT tenant_id, name, criteria::text FROM qa_scorecard WHERE tenant_id = ?",
                r -> new Scorecard(r.getString(1), r.getString(2), read(r.getString(3), CRITERIA)), tenantId);
    }

    @Override
    public void setScorecard(Scorecard scorecard) {
        update("""
                INSERT INTO qa_scorecard (tenant_id, name, criteria) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, criteria = EXCLUDED.criteria""",
                scorecard.tenantId(), scorecard.name(), json(scorecard.criteria()));
    }

    @Override
    public Optional<Evaluation> evaluation(UUID evaluationId) {
        return one("SELECT * FROM qa_evaluation WHERE evaluation_id = ?", QualityTables::evaluation, evaluationId);
    }

    @Override
    public List<Evaluation> evaluations(Set<String> tenants, Evaluation.Status status, int limit) {
        return list("SELECT * FROM qa_evaluation WHERE tenant_id = ANY(?) AND status = ? ORDER BY ended_at DESC LIMIT ?",
                tenants, status.name(), limit);
    }

    @Override
    public List<Evaluation> evaluationsOf(String agentId, Set<String> tenants, int limit) {
        return list("""
                SELECT * FROM qa_evaluation WHERE agent_id = ? AND tenant_id = ANY(?) AND status = 'DONE'
                 ORDER BY completed_at DESC LIMIT ?""", agentId, tenants, limit);
    }

    @Override
    public boolean complete(Evaluation done) {
        return update("""
                UPDATE qa_evaluation SET status = 'DONE', evaluator_id = ?, scorecard = ?::jsonb, scores = ?::jsonb,
                       comments = ?::jsonb, comment = ?, total_percent = ?, completed_at = ?
                 WHERE evaluation_id = ? AND status = 'PENDING'""",
                done.evaluatorId(), json(done.scorecard()), json(done.scores()), json(done.comments()), done.comment(),
                done.totalPercent(), Timestamp.from(done.completedAt()), done.evaluationId()) == 1;
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private static Evaluation evaluation(ResultSet r) throws SQLException {
        Timestamp completed = r.getTimestamp("completed_at");
        BigDecimal total = r.getBigDecimal("total_percent");
        return new Evaluation(r.getObject("evaluation_id", UUID.class), r.getString("contact_id"), r.getString("tenant_id"),
                r.getString("queue_id"), r.getString("agent_id"), r.getString("channel"), QaSampler.Reason.valueOf(r.getString("reason")),
                r.getTimestamp("ended_at").toInstant(), Evaluation.Status.valueOf(r.getString("status")), r.getString("evaluator_id"),
                read(r.getString("scorecard"), SCORECARD), read(r.getString("scores"), SCORES), read(r.getString("comments"), COMMENTS),
                r.getString("comment"), total == null ? null : total.doubleValue(), completed == null ? null : completed.toInstant());
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> found = select(sql, row, args);
        return found.stream().findFirst();
    }

    private List<Evaluation> list(String sql, Object... args) {
        return select(sql, QualityTables::evaluation, args);
    }

    private <T> List<T> select(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            List<T> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(row.read(r));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("the desktop's database failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the desktop's database failed: " + e.getMessage(), e);
        }
    }

    private static void bind(Connection c, PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Set<?> values) {
                s.setArray(i + 1, c.createArrayOf("text", values.toArray()));
            } else {
                s.setObject(i + 1, args[i]);
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + value, e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read back: " + json, e);
        }
    }
}
