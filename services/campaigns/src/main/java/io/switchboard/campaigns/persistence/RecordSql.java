package io.switchboard.campaigns.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.switchboard.campaigns.domain.DialRecord;
import io.switchboard.campaigns.domain.NewAttempt;
import io.switchboard.campaigns.domain.StoredEvent;

/** The statements the dialler and preview share: callable records, recording an attempt with its event, deferring. */
final class RecordSql {

    /** The lists are checked here, in the transaction that records the attempt: right before each call. */
    static final String NOT_OPTED_OUT = " NOT EXISTS (SELECT 1 FROM do_not_call d WHERE d.tenant_id = r.tenant_id AND d.number = r.phone)"
            + " AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.tenant_id = r.tenant_id AND k.address = r.phone AND k.opted_out)";

    private RecordSql() {
    }

    static List<DialRecord> callable(Connection c, UUID campaignId, Instant now, LocalDate today, int maxPerDay, int limit)
            throws SQLException {
        return Jdbc.list(c, "SELECT " + Rows.RECORD_COLUMNS + " FROM campaign_record r"
                + " WHERE r.campaign_id = ? AND NOT r.done AND NOT r.in_flight AND r.next_due_at <= ?"
                + " AND (r.reserved_until IS NULL OR r.reserved_until <= ?)"
                + " AND (r.attempt_day IS DISTINCT FROM ? OR r.attempts_today < ?)"
                + " AND" + NOT_OPTED_OUT
                + " ORDER BY r.next_due_at, r.seq LIMIT ? FOR UPDATE OF r SKIP LOCKED", s -> {
                    s.setObject(1, campaignId);
                    s.setObject(2, Jdbc.time(now));
                    s.setObject(3, Jdbc.time(now));
                    s.setObject(4, today);
                    s.setInt(5, maxPerDay);
                    s.setInt(6, limit);
                }, Rows::record);
    }

    static void request(Connection c, NewAttempt attempt, StoredEvent event) throws SQLException {
        requestAll(c, List.of(attempt), List.of(event));
    }

    /** Records the attempts, marks their records in flight and writes their events, as three batches. */
    static void requestAll(Connection c, List<NewAttempt> attempts, List<StoredEvent> events) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO attempt (contact_id, campaign_id, record_id, attempt, agent_id, requested_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (NewAttempt attempt : attempts) {
                s.setString(1, attempt.contactId());
                s.setObject(2, attempt.campaignId());
                s.setObject(3, attempt.recordId());
                s.setInt(4, attempt.attempt());
                s.setString(5, attempt.agentId());
                s.setObject(6, Jdbc.time(attempt.requestedAt()));
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_record SET attempts = ?,"
                + " attempts_today = CASE WHEN attempt_day = ? THEN attempts_today + 1 ELSE 1 END, attempt_day = ?,"
                + " in_flight = true, reserved_by = NULL, reserved_until = NULL WHERE id = ?")) {
            for (NewAttempt attempt : attempts) {
                s.setInt(1, attempt.attempt());
                s.setObject(2, attempt.day());
                s.setObject(3, attempt.day());
                s.setObject(4, attempt.recordId());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (topic, event_key, payload) VALUES (?, ?, ?)")) {
            for (StoredEvent event : events) {
                s.setString(1, event.topic());
                s.setString(2, event.key());
                s.setBytes(3, event.payload());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static void outbox(Connection c, StoredEvent event) throws SQLException {
        Jdbc.update(c, "INSERT INTO outbox (topic, event_key, payload) VALUES (?, ?, ?)", s -> {
            s.setString(1, event.topic());
            s.setString(2, event.key());
            s.setBytes(3, event.payload());
        });
    }

    static void defer(Connection c, List<UUID> recordIds, Instant until) throws SQLException {
        if (recordIds.isEmpty()) {
            return;
        }
        Jdbc.update(c, "UPDATE campaign_record SET next_due_at = ? WHERE id = ANY (?)", s -> {
            s.setObject(1, Jdbc.time(until));
            s.setArray(2, c.createArrayOf("uuid", recordIds.toArray()));
        });
    }
}
