package io.switchboard.sms.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.sms.domain.Conversation;
import io.switchboard.sms.domain.DuplicateException;
import io.switchboard.sms.domain.InboundRecord;
import io.switchboard.sms.domain.KnownInbound;
import io.switchboard.sms.domain.MediaContent;
import io.switchboard.sms.domain.OptOut;
import io.switchboard.sms.domain.OutboundRecord;
import io.switchboard.sms.domain.PendingSurvey;
import io.switchboard.sms.domain.SmsStore;
import io.switchboard.sms.domain.StoreException;
import io.switchboard.sms.domain.StoredEvent;
import io.switchboard.sms.domain.StoredMedia;

/**
 * The SMS channel's PostgreSQL state (schema {@code sms}) over blocking JDBC: webhooks run on worker
 * threads, and each text is one short transaction.
 */
@ApplicationScoped
public class JdbcSmsStore implements SmsStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcSmsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<KnownInbound> findInbound(String provider, String providerMessageId) throws StoreException {
        return query("SELECT id, contact_id, status FROM inbound_sms WHERE provider = ? AND provider_message_id = ?",
                s -> {
                    s.setString(1, provider);
                    s.setString(2, providerMessageId);
                }, r -> new KnownInbound(r.getObject(1, UUID.class), r.getString(2), "PENDING".equals(r.getString(3))));
    }

    @Override
    public Optional<Conversation> openConversation(String tenantId, String customerNumber, String entryNumber) throws StoreException {
        return query("""
                SELECT * FROM conversation WHERE tenant_id = ? AND customer_number = ? AND entry_number = ? AND ended_at IS NULL
                ORDER BY last_inbound_at DESC LIMIT 1""", s -> {
            s.setString(1, tenantId);
            s.setString(2, customerNumber);
            s.setString(3, entryNumber);
        }, JdbcSmsStore::conversation);
    }

    @Override
    public Optional<Conversation> conversation(String contactId) throws StoreException {
        return query("SELECT * FROM conversation WHERE contact_id = ?", s -> s.setString(1, contactId), JdbcSmsStore::conversation);
    }

    @Override
    public void saveInbound(Optional<Conversation> created, InboundRecord sms, List<StoredMedia> media, Optional<OptOut> consent,
            List<StoredEvent> events) throws StoreException, DuplicateException {
        inTransaction(c -> {
            if (created.isPresent()) {
                Conversation conv = created.get();
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO conversation (contact_id, tenant_id, entry_number, customer_number, created_at, last_inbound_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")) {
                    s.setString(1, conv.contactId());
                    s.setString(2, conv.tenantId());
                    s.setString(3, conv.entryNumber());
                    s.setString(4, conv.customerNumber());
                    s.setTimestamp(5, Timestamp.from(conv.createdAt()));
                    s.setTimestamp(6, Timestamp.from(conv.lastInboundAt()));
                    s.executeUpdate();
                }
            } else if (sms.contactId() != null) {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE conversation SET last_inbound_at = greatest(last_inbound_at, ?) WHERE contact_id = ?")) {
                    s.setTimestamp(1, Timestamp.from(sms.receivedAt()));
                    s.setString(2, sms.contactId());
                    s.executeUpdate();
                }
            }
            insertInbound(c, sms);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO media (id, tenant_id, sms_id, content_type, source_url, size_bytes, data) VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                for (StoredMedia file : media) {
                    s.setObject(1, file.id());
                    s.setString(2, file.tenantId());
                    s.setObject(3, file.smsId());
                    s.setString(4, file.contentType());
                    s.setString(5, file.sourceUrl());
                    s.setLong(6, file.data().length);
                    s.setBytes(7, file.data());
                    s.addBatch();
                }
                if (!media.isEmpty()) {
                    s.executeBatch();
                }
            }
            if (consent.isPresent()) {
                OptOut o = consent.get();
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO consent (tenant_id, number, opted_out, keyword, changed_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, number) DO UPDATE SET opted_out = excluded.opted_out, keyword = excluded.keyword,
                            changed_at = excluded.changed_at WHERE consent.changed_at <= excluded.changed_at""")) {
                    s.setString(1, o.tenantId());
                    s.setString(2, o.number());
                    s.setBoolean(3, o.optedOut());
                    s.setString(4, o.keyword());
                    s.setTimestamp(5, Timestamp.from(o.changedAt()));
                    s.executeUpdate();
                }
            }
            insertEvents(c, sms.id(), events);
        });
    }

    @Override
    public boolean surveyAsked(PendingSurvey survey) throws StoreException {
        return update("""
                INSERT INTO sms_survey (contact_id, tenant_id, customer_number, entry_number, asked_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (contact_id) DO NOTHING""", s -> {
                    s.setString(1, survey.contactId());
                    s.setString(2, survey.tenantId());
                    s.setString(3, survey.customerNumber());
                    s.setString(4, survey.entryNumber());
                    s.setTimestamp(5, Timestamp.from(survey.askedAt()));
                }) == 1;
    }

    @Override
    public Optional<PendingSurvey> pendingSurvey(String tenantId, String customerNumber, String entryNumber, Instant since)
            throws StoreException {
        return list("""
                SELECT contact_id, tenant_id, customer_number, entry_number, asked_at FROM sms_survey
                 WHERE tenant_id = ? AND customer_number = ? AND entry_number = ? AND answered_at IS NULL AND asked_at >= ?
                 ORDER BY asked_at DESC LIMIT 1""", s -> {
                    s.setString(1, tenantId);
                    s.setString(2, customerNumber);
                    s.setString(3, entryNumber);
                    s.setTimestamp(4, Timestamp.from(since));
                }, r -> new PendingSurvey(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getTimestamp(5).toInstant()))
                .stream().findFirst();
    }

    @Override
    public boolean saveSurveyAnswer(String contactId, InboundRecord sms, List<StoredEvent> events)
            throws StoreException, DuplicateException {
        boolean[] claimed = {false};
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE sms_survey SET answered_at = ?, answer_sms_id = ? WHERE contact_id = ? AND answered_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(sms.receivedAt()));
                s.setObject(2, sms.id());
                s.setString(3, contactId);
                claimed[0] = s.executeUpdate() == 1;
            }
            if (claimed[0]) {
                insertInbound(c, sms);
                insertEvents(c, sms.id(), events);
            }
        });
        return claimed[0];
    }

    private static void insertInbound(Connection c, InboundRecord sms) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO inbound_sms (id, tenant_id, provider, provider_message_id, contact_id, from_number, to_number, body,
                                         keyword, status, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setObject(1, sms.id());
            s.setString(2, sms.tenantId());
            s.setString(3, sms.provider());
            s.setString(4, sms.providerMessageId());
            s.setString(5, sms.contactId());
            s.setString(6, sms.fromNumber());
            s.setString(7, sms.toNumber());
            s.setString(8, sms.body());
            s.setString(9, sms.keyword());
            s.setString(10, sms.pending() ? "PENDING" : sms.contactId() == null ? "KEYWORD" : "PUBLISHED");
            s.setTimestamp(11, Timestamp.from(sms.receivedAt()));
            s.executeUpdate();
        }
    }

    private static void insertEvents(Connection c, UUID smsId, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO inbound_event (sms_id, seq, topic, event_key, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                s.setObject(1, smsId);
                s.setInt(2, i);
                s.setString(3, events.get(i).topic());
                s.setString(4, events.get(i).key());
                s.setBytes(5, events.get(i).payload());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Override
    public List<StoredEvent> events(UUID smsId) throws StoreException {
        return list("SELECT topic, event_key, payload FROM inbound_event WHERE sms_id = ? ORDER BY seq", s -> s.setObject(1, smsId),
                r -> new StoredEvent(r.getString(1), r.getString(2), r.getBytes(3)));
    }

    @Override
    public void markPublished(UUID smsId) throws StoreException {
        try {
            inTransaction(c -> {
                // Losing this commit only means the sweeper publishes the same events (same ids) again.
                try (PreparedStatement async = c.prepareStatement("SET LOCAL synchronous_commit TO off")) {
                    async.execute();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE inbound_sms SET status = 'PUBLISHED' WHERE id = ? AND status = 'PENDING'");
                        PreparedStatement d = c.prepareStatement("DELETE FROM inbound_event WHERE sms_id = ?")) {
                    s.setObject(1, smsId);
                    s.executeUpdate();
                    d.setObject(1, smsId);
                    d.executeUpdate();
                }
            });
        } catch (DuplicateException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public List<UUID> pendingBefore(Instant before, int limit) throws StoreException {
        return list("SELECT id FROM inbound_sms WHERE status = 'PENDING' AND received_at < ? ORDER BY received_at LIMIT ?", s -> {
            s.setTimestamp(1, Timestamp.from(before));
            s.setInt(2, limit);
        }, r -> r.getObject(1, UUID.class));
    }

    @Override
    public boolean markEnded(String contactId, Instant at) throws StoreException {
        return update("UPDATE conversation SET ended_at = ? WHERE contact_id = ? AND ended_at IS NULL", s -> {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, contactId);
        }) == 1;
    }

    @Override
    public Optional<OptOut> consent(String tenantId, String number) throws StoreException {
        return query("SELECT * FROM consent WHERE tenant_id = ? AND number = ?", s -> {
            s.setString(1, tenantId);
            s.setString(2, number);
        }, JdbcSmsStore::optOut);
    }

    @Override
    public List<OptOut> optedOut(String tenantId) throws StoreException {
        return list("SELECT * FROM consent WHERE tenant_id = ? AND opted_out ORDER BY changed_at DESC, number",
                s -> s.setString(1, tenantId), JdbcSmsStore::optOut);
    }

    @Override
    public Optional<OutboundRecord> outbound(String requestId) throws StoreException {
        return query("SELECT * FROM outbound_sms WHERE request_id = ?", s -> s.setString(1, requestId), JdbcSmsStore::outbound);
    }

    @Override
    public Optional<OutboundRecord> outboundByProviderId(String provider, String providerMessageId) throws StoreException {
        return query("SELECT * FROM outbound_sms WHERE provider = ? AND provider_message_id = ?", s -> {
            s.setString(1, provider);
            s.setString(2, providerMessageId);
        }, JdbcSmsStore::outbound);
    }

    @Override
    public void saveOutbound(OutboundRecord o) throws StoreException {
        update("""
                INSERT INTO outbound_sms (request_id, tenant_id, contact_id, agent_id, provider, provider_message_id, from_number,
                                          to_number, body, segments, encoding, status, reason, permanent, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING""", s -> {
            s.setString(1, o.requestId());
            s.setString(2, o.tenantId());
            s.setString(3, o.contactId());
            s.setString(4, o.agentId());
            s.setString(5, o.provider());
            s.setString(6, o.providerMessageId());
            s.setString(7, o.fromNumber());
            s.setString(8, o.toNumber());
            s.setString(9, o.text());
            s.setInt(10, o.segments());
            s.setString(11, o.encoding());
            s.setString(12, o.sent() ? "SENT" : "FAILED");
            s.setString(13, o.reason());
            s.setBoolean(14, o.permanent());
            s.setTimestamp(15, Timestamp.from(o.decidedAt()));
        });
    }

    @Override
    public boolean updateDelivery(String requestId, String status, int rank) throws StoreException {
        return update("UPDATE outbound_sms SET delivery_status = ?, delivery_rank = ? WHERE request_id = ? AND delivery_rank <= ?",
                s -> {
                    s.setString(1, status);
                    s.setInt(2, rank);
                    s.setString(3, requestId);
                    s.setInt(4, rank);
                }) == 1;
    }

    @Override
    public Optional<MediaContent> media(UUID id) throws StoreException {
        return query("SELECT tenant_id, content_type, data FROM media WHERE id = ?", s -> s.setObject(1, id),
                r -> new MediaContent(r.getString(1), r.getString(2), r.getBytes(3)));
    }

    private static Conversation conversation(ResultSet r) throws SQLException {
        Timestamp ended = r.getTimestamp("ended_at");
        return new Conversation(r.getString("contact_id"), r.getString("tenant_id"), r.getString("entry_number"),
                r.getString("customer_number"), r.getTimestamp("created_at").toInstant(), r.getTimestamp("last_inbound_at").toInstant(),
                ended == null ? null : ended.toInstant());
    }

    private static OptOut optOut(ResultSet r) throws SQLException {
        return new OptOut(r.getString("tenant_id"), r.getString("number"), r.getBoolean("opted_out"), r.getString("keyword"),
                r.getTimestamp("changed_at").toInstant());
    }

    private static OutboundRecord outbound(ResultSet r) throws SQLException {
        return new OutboundRecord(r.getString("request_id"), r.getString("tenant_id"), r.getString("contact_id"),
                r.getString("agent_id"), r.getString("provider"), r.getString("provider_message_id"), r.getString("from_number"),
                r.getString("to_number"), r.getString("body"), r.getInt("segments"), r.getString("encoding"),
                "SENT".equals(r.getString("status")), r.getString("reason"), r.getBoolean("permanent"),
                r.getTimestamp("decided_at").toInstant(), r.getString("delivery_status"));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Binder binder, Row<T> row) throws StoreException {
        List<T> rows = list(sql, binder, row);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String sql, Binder binder, Row<T> row) throws StoreException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<T> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row.read(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("the SMS store is unavailable: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Binder binder) throws StoreException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the SMS store is unavailable: " + e.getMessage(), e);
        }
    }

    private void inTransaction(Work work) throws StoreException, DuplicateException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new DuplicateException(e.getMessage());
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("the SMS store is unavailable: " + e.getMessage(), e);
        }
    }
}
