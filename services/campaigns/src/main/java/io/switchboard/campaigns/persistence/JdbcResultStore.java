package io.switchboard.campaigns.persistence;

import java.sql.Connection;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaigns.domain.DoNotCall;
import io.switchboard.campaigns.domain.OpenAttempt;
import io.switchboard.campaigns.domain.PromiseToPay;
import io.switchboard.campaigns.domain.ResultSession;
import io.switchboard.campaigns.domain.ResultStore;
import io.switchboard.dialer.engine.CallOutcome;
import io.switchboard.events.OptOutChanged;

/**
 * Results, answered calls, wrap-ups, queue figures and consent. Each write is conditional on the state it
 * changes (a result only where there is none, the first assignment, end and wrap-up only), so a redelivered event
 * changes nothing.
 */
@ApplicationScoped
public class JdbcResultStore implements ResultStore {

    private final DataSource dataSource;

    public JdbcResultStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <R> R inTransaction(Function<ResultSession, R> work) {
        return Jdbc.inTransaction(dataSource, c -> work.apply(new Session(c)));
    }

    @Override
    public void assigned(String contactId, String agentId, Instant at) {
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE attempt SET assigned_at = ?, assigned_agent = ? WHERE contact_id = ?"
                + " AND assigned_at IS NULL", s -> {
                    s.setObject(1, Jdbc.time(at));
                    s.setString(2, agentId);
                    s.setString(3, contactId);
                }));
    }

    @Override
    public void ended(String contactId, Instant at, Long talkSeconds, Long holdSeconds) {
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE attempt SET ended_at = ?, talk_seconds = ?, hold_seconds = ?"
                + " WHERE contact_id = ? AND ended_at IS NULL", s -> {
                    s.setObject(1, Jdbc.time(at));
                    s.setObject(2, talkSeconds, Types.BIGINT);
                    s.setObject(3, holdSeconds, Types.BIGINT);
                    s.setString(4, contactId);
                }));
    }

    @Override
    public void queueFigures(String tenantId, String queueId, int agentsAvailable, Instant reportedAt) {
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "INSERT INTO queue_figures (tenant_id, queue_id, agents_available, reported_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, queue_id) DO UPDATE SET agents_available = excluded.agents_available,"
                + " reported_at = excluded.reported_at WHERE queue_figures.reported_at <= excluded.reported_at", s -> {
                    s.setString(1, tenantId);
                    s.setString(2, queueId);
                    s.setInt(3, agentsAvailable);
                    s.setObject(4, Jdbc.time(reportedAt));
                }));
    }

    @Override
    public void consent(OptOutChanged change) {
        String kind = DoNotCall.SOURCE.equals(change.source()) ? JdbcDoNotCallStore.DO_NOT_CALL_KIND : JdbcDoNotCallStore.OTHER_KIND;
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "INSERT INTO consent (tenant_id, address, source_kind, opted_out, source, changed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, address, source_kind) DO UPDATE SET opted_out = excluded.opted_out,"
                + " source = excluded.source, changed_at = excluded.changed_at WHERE consent.changed_at <= excluded.changed_at", s -> {
                    s.setString(1, change.tenantId());
                    s.setString(2, change.address().value());
                    s.setString(3, kind);
                    s.setBoolean(4, change.optedOut());
                    s.setString(5, change.source());
                    s.setObject(6, Jdbc.time(change.occurredAt()));
                }));
    }

    private record Session(Connection c) implements ResultSession {

        @Override
        public Optional<OpenAttempt> attempt(String contactId) {
            return Jdbc.unchecked(c, c -> Jdbc.one(c, "SELECT a.contact_id, a.result, a.ended_at, a.talk_seconds, a.hold_seconds, a.wrapped_at, "
                    + Rows.RECORD_COLUMNS + ", " + Rows.CAMPAIGN_COLUMNS
                    + " FROM attempt a JOIN campaign_record r ON r.id = a.record_id JOIN campaign c ON c.id = a.campaign_id"
                    + " WHERE a.contact_id = ? FOR UPDATE OF a, r", s -> s.setString(1, contactId), r -> {
                        String result = r.getString("result");
                        long talk = r.getLong("talk_seconds");
                        Long talkSeconds = r.wasNull() ? null : talk;
                        long hold = r.getLong("hold_seconds");
                        Long holdSeconds = r.wasNull() ? null : hold;
                        return new OpenAttempt(r.getString("contact_id"), Rows.campaign(r), Rows.record(r),
                                result == null ? null : CallOutcome.valueOf(result), Jdbc.instant(r, "ended_at"), talkSeconds, holdSeconds,
                                Jdbc.instant(r, "wrapped_at"));
                    }));
        }

        @Override
        public void completeAttempt(String contactId, CallOutcome result, Instant answeredAt, Instant completedAt, String detail) {
            Jdbc.unchecked(c, c -> Jdbc.update(c, "UPDATE attempt SET result = ?, answered_at = ?, completed_at = ?, detail = ?"
                    + " WHERE contact_id = ?", s -> {
                        s.setString(1, result.name());
                        s.setObject(2, Jdbc.time(answeredAt));
                        s.setObject(3, Jdbc.time(completedAt));
                        s.setString(4, detail);
                        s.setString(5, contactId);
                    }));
        }

        @Override
        public void settleRecord(UUID recordId, CallOutcome lastResult, Instant nextDue, List<String> surveyAnswers) {
            Jdbc.unchecked(c, c -> Jdbc.update(c, "UPDATE campaign_record SET in_flight = false, last_result = ?,"
                    + " done = ?, next_due_at = coalesce(?, next_due_at), survey_answers = coalesce(?, survey_answers) WHERE id = ?", s -> {
                        s.setString(1, lastResult.name());
                        s.setBoolean(2, nextDue == null);
                        s.setObject(3, Jdbc.time(nextDue));
                        s.setString(4, surveyAnswers == null ? null : Rows.json(surveyAnswers));
                        s.setObject(5, recordId);
                    }));
        }

        @Override
        public void wrappedUp(String contactId, Instant at, String disposition, Double handleSeconds, CallOutcome reclassedAs) {
            Jdbc.unchecked(c, c -> Jdbc.update(c, "UPDATE attempt SET wrapped_at = ?, disposition = ?, handle_seconds = ?,"
                    + " result = coalesce(?, result) WHERE contact_id = ?", s -> {
                        s.setObject(1, Jdbc.time(at));
                        s.setString(2, disposition);
                        s.setObject(3, handleSeconds, Types.DOUBLE);
                        s.setString(4, reclassedAs == null ? null : reclassedAs.name());
                        s.setString(5, contactId);
                    }));
        }

        @Override
        public void recordOutcome(UUID recordId, String disposition, String notes, PromiseToPay promise) {
            Jdbc.unchecked(c, c -> Jdbc.update(c, "UPDATE campaign_record SET disposition = ?, notes = ?,"
                    + " promise_amount = coalesce(?, promise_amount), promise_date = coalesce(?, promise_date) WHERE id = ?", s -> {
                        s.setString(1, disposition);
                        s.setString(2, notes);
                        s.setBigDecimal(3, promise == null ? null : promise.amount());
                        s.setObject(4, promise == null ? null : promise.date(), Types.DATE);
                        s.setObject(5, recordId);
                    }));
        }
    }
}
