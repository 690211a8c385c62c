package io.switchboard.email.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.email.domain.AttachmentContent;
import io.switchboard.email.domain.DuplicateMessageException;
import io.switchboard.email.domain.EmailStore;
import io.switchboard.email.domain.EmailThread;
import io.switchboard.email.domain.EmailView;
import io.switchboard.email.domain.InboundRecord;
import io.switchboard.email.domain.KnownInbound;
import io.switchboard.email.domain.OutboundRecord;
import io.switchboard.email.domain.Reader;
import io.switchboard.email.domain.StoreException;
import io.switchboard.email.domain.StoredAttachment;
import io.switchboard.email.domain.StoredEvent;
import io.switchboard.email.domain.SurveyLink;

/**
 * The email channel's PostgreSQL state (schema {@code email}) over blocking JDBC: SMTP sessions and
 * IMAP polls run on their own threads, and each message is one short transaction.
 */
@ApplicationScoped
public class JdbcEmailStore implements EmailStore {

    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * Who may read a row of {@code alias}: one of the reader's tenants (parameter 1, a text array) and, unless
     * they supervise (parameter 2), an agent routing offered or assigned its contact to (parameter 3).
     */
    private static final String READABLE = " %1$s.tenant_id = ANY(?) AND (? OR EXISTS (SELECT 1 FROM contact_handler h"
            + " WHERE h.contact_id = %1$s.contact_id AND h.agent_id = ?))";

    private final DataSource dataSource;

    public JdbcEmailStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // --- inbound ---

    @Override
    public Ingested ingest(Lookup lookup, Decision decision) throws StoreException, DuplicateMessageException {
        return inTransaction(c -> {
            Optional<KnownInbound> known = findInbound(c, lookup.tenantId(), lookup.messageId());
            if (known.isPresent()) {
                return Ingested.known(known.get());
            }
            Optional<EmailThread> byReference = threadForMessageIds(c, lookup.tenantId(), lookup.references());
            Optional<EmailThread> byToken = byReference.isPresent() || lookup.token().isEmpty() ? Optional.empty()
                    : threadByToken(c, lookup.tenantId(), lookup.token().getAsLong());
            NewMessage message = decision.decide(new Candidates(byReference, byToken), () -> nextToken(c));
            if (message.newThread().isPresent()) {
                insertThread(c, message.newThread().get());
            }
            InboundRecord email = message.record();
            insertInbound(c, email);
            if (email.contactId() != null) {
                insertThreadMessage(c, email.tenantId(), email.messageId(), email.contactId(), false, email.receivedAt());
            }
            insertAttachments(c, message.files());
            insertEvents(c, email.id(), message.events());
            return Ingested.stored(message);
        });
    }

    @Override
    public Optional<KnownInbound> findInbound(String tenantId, String messageId) throws StoreException {
        return work(c -> findInbound(c, tenantId, messageId));
    }

    @Override
    public List<StoredEvent> events(UUID emailId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT topic, event_key, payload FROM inbound_event WHERE email_id = ? ORDER BY seq")) {
                s.setObject(1, emailId);
                List<StoredEvent> events = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        events.add(new StoredEvent(r.getString(1), r.getString(2), r.getBytes(3)));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public void markPublished(UUID emailId) throws StoreException {
        try {
            inTransaction(c -> {
                // Losing this commit in a crash only means the sweeper publishes the same events (same ids)
                // again, so it need not wait for the WAL flush that the message's own commit waited for.
                try (PreparedStatement async = c.prepareStatement("SET LOCAL synchronous_commit TO off")) {
                    async.execute();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE inbound_email SET status = 'PUBLISHED' WHERE id = ?");
                        PreparedStatement d = c.prepareStatement("DELETE FROM inbound_event WHERE email_id = ?")) {
                    s.setObject(1, emailId);
                    s.executeUpdate();
                    d.setObject(1, emailId);
                    d.executeUpdate();
                }
                return null;
            });
        } catch (DuplicateMessageException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public List<UUID> pendingBefore(Instant before, int limit) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM inbound_email WHERE status = 'PENDING' AND received_at < ? ORDER BY received_at LIMIT ?")) {
                s.setTimestamp(1, Timestamp.from(before));
                s.setInt(2, limit);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public boolean markEnded(String contactId, Instant at) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE email_thread SET ended_at = ? WHERE contact_id = ? AND ended_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(at));
                s.setString(2, contactId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void recordHandler(String contactId, String tenantId, String agentId, Instant at) throws StoreException {
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO contact_handler (contact_id, agent_id, tenant_id, first_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (contact_id, agent_id) DO NOTHING""")) {
                s.setString(1, contactId);
                s.setString(2, agentId);
                s.setString(3, tenantId);
                s.setTimestamp(4, Timestamp.from(at));
                return s.executeUpdate();
            }
        });
    }

    // --- outbound ---

    @Override
    public String surveyToken(String tenantId, String contactId, String candidate, Instant createdAt, Instant expiresAt)
            throws StoreException {
        return work(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO email_survey (token, contact_id, tenant_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (contact_id) DO NOTHING""");
                    PreparedStatement read = c.prepareStatement("SELECT token FROM email_survey WHERE contact_id = ?")) {
                insert.setString(1, candidate);
                insert.setString(2, contactId);
                insert.setString(3, tenantId);
                insert.setTimestamp(4, Timestamp.from(createdAt));
                insert.setTimestamp(5, Timestamp.from(expiresAt));
                insert.executeUpdate();
                read.setString(1, contactId);
                try (ResultSet r = read.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }

    @Override
    public Optional<SurveyLink> survey(String token) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT token, contact_id, tenant_id, expires_at, answered_at FROM email_survey WHERE token = ?")) {
                s.setString(1, token);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    Timestamp answered = r.getTimestamp(5);
                    return Optional.of(new SurveyLink(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(),
                            answered == null ? null : answered.toInstant()));
                }
            }
        });
    }

    @Override
    public boolean claimSurvey(String token, Instant at) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE email_survey SET answered_at = ? WHERE token = ? AND answered_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(at));
                s.setString(2, token);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseSurvey(String token) throws StoreException {
        work(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE email_survey SET answered_at = NULL WHERE token = ?")) {
                s.setString(1, token);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<EmailThread> thread(String tenantId, String contactId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM email_thread WHERE contact_id = ? AND tenant_id = ?")) {
                s.setString(1, contactId);
                s.setString(2, tenantId);
                return oneThread(s);
            }
        });
    }

    @Override
    public List<String> threadMessageIds(String contactId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT message_id FROM thread_message WHERE contact_id = ? ORDER BY created_at, message_id")) {
                s.setString(1, contactId);
                List<String> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public Optional<String> latestInboundMessageId(String contactId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT message_id FROM thread_message WHERE contact_id = ? AND NOT outbound
                    ORDER BY created_at DESC LIMIT 1""")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<OutboundRecord> outbound(String requestId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM outbound_email WHERE request_id = ?")) {
                s.setString(1, requestId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(outboundRecord(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveOutbound(OutboundRecord outbound) throws StoreException {
        try {
            inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO outbound_email (request_id, tenant_id, contact_id, agent_id, message_id, recipient, subject,
                                                    text_body, status, reason, permanent, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING""")) {
                    s.setString(1, outbound.requestId());
                    s.setString(2, outbound.tenantId());
                    s.setString(3, outbound.contactId());
                    s.setString(4, outbound.agentId());
                    s.setString(5, outbound.messageId());
                    s.setString(6, outbound.recipient());
                    s.setString(7, outbound.subject());
                    s.setString(8, outbound.text());
                    s.setString(9, outbound.sent() ? "SENT" : "FAILED");
                    s.setString(10, outbound.reason());
                    s.setBoolean(11, outbound.permanent());
                    s.setTimestamp(12, Timestamp.from(outbound.decidedAt()));
                    s.executeUpdate();
                }
                if (outbound.sent() && hasThread(c, outbound.contactId())) {
                    insertThreadMessage(c, outbound.tenantId(), outbound.messageId(), outbound.contactId(), true,
                            outbound.decidedAt());
                }
                return null;
            });
        } catch (DuplicateMessageException ours) {
            // our own Message-IDs are unique; a second insert of the same reply changes nothing
        }
    }

    @Override
    public Optional<AttachmentContent> attachment(String tenantId, UUID id) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT tenant_id, filename, content_type, data FROM attachment WHERE id = ? AND tenant_id = ?")) {
                s.setObject(1, id);
                s.setString(2, tenantId);
                return attachment(s);
            }
        });
    }

    // --- reads, each deciding in its own query who may see the row ---

    @Override
    public Optional<List<EmailView>> threadFor(Reader reader, String contactId) throws StoreException {
        return work(c -> {
            Optional<EmailThread> found;
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM email_thread t WHERE t.contact_id = ? AND"
                    + READABLE.formatted("t"))) {
                s.setString(1, contactId);
                readable(c, s, 2, reader);
                found = oneThread(s);
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            EmailThread thread = found.get();
            List<EmailView> views = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, tenant_id, contact_id, message_id, from_address, from_name, mailbox_address, subject, text_body,
                           html_body, status, suppressed_reason, received_at
                    FROM inbound_email WHERE contact_id = ? AND tenant_id = ? ORDER BY received_at, id""")) {
                s.setString(1, contactId);
                s.setString(2, thread.tenantId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        views.add(inboundView(c, r));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM outbound_email WHERE contact_id = ? AND tenant_id = ? ORDER BY decided_at")) {
                s.setString(1, contactId);
                s.setString(2, thread.tenantId());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        OutboundRecord o = outboundRecord(r);
                        views.add(new EmailView(o.requestId(), o.tenantId(), o.contactId(), "OUTBOUND", o.messageId(),
                                thread.mailboxAddress(), o.agentId(), o.recipient(), o.subject(), o.text(), null,
                                o.sent() ? "SENT" : "FAILED", o.reason(), o.decidedAt(), List.of()));
                    }
                }
            }
            views.sort(Comparator.comparing(EmailView::at));
            return Optional.of(views);
        });
    }

    @Override
    public Optional<EmailView> inboundFor(Reader reader, UUID id) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT e.id, e.tenant_id, e.contact_id, e.message_id, e.from_address, e.from_name, e.mailbox_address, e.subject,
                           e.text_body, e.html_body, e.status, e.suppressed_reason, e.received_at
                    FROM inbound_email e WHERE e.id = ? AND""" + READABLE.formatted("e"))) {
                s.setObject(1, id);
                readable(c, s, 2, reader);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(inboundView(c, r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<AttachmentContent> attachmentFor(Reader reader, UUID id) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT f.tenant_id, f.filename, f.content_type, f.data FROM attachment f
                    JOIN inbound_email e ON e.id = f.email_id AND e.tenant_id = f.tenant_id
                    WHERE f.id = ? AND""" + READABLE.formatted("e"))) {
                s.setObject(1, id);
                readable(c, s, 2, reader);
                return attachment(s);
            }
        });
    }

    // --- helpers ---

    /** Binds {@link #READABLE}'s three parameters from {@code first} on. */
    private static void readable(Connection c, PreparedStatement s, int first, Reader reader) throws SQLException {
        s.setArray(first, c.createArrayOf("text", reader.tenants().toArray()));
        s.setBoolean(first + 1, reader.supervisor());
        s.setString(first + 2, reader.agentId());
    }

    private static Optional<AttachmentContent> attachment(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new AttachmentContent(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4)))
                    : Optional.empty();
        }
    }

    private static Optional<KnownInbound> findInbound(Connection c, String tenantId, String messageId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, contact_id, status FROM inbound_email WHERE tenant_id = ? AND message_id = ?")) {
            s.setString(1, tenantId);
            s.setString(2, messageId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new KnownInbound(r.getObject(1, UUID.class), r.getString(2),
                        InboundRecord.Status.valueOf(r.getString(3)))) : Optional.empty();
            }
        }
    }

    /** The thread one of these Message-IDs belongs to, trying them in order. */
    private static Optional<EmailThread> threadForMessageIds(Connection c, String tenantId, List<String> messageIds)
            throws SQLException {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.* FROM unnest(?::text[]) WITH ORDINALITY AS ref(message_id, position)
                JOIN thread_message m ON m.tenant_id = ? AND m.message_id = ref.message_id
                JOIN email_thread t ON t.contact_id = m.contact_id
                ORDER BY ref.position LIMIT 1""")) {
            s.setArray(1, c.createArrayOf("text", messageIds.toArray()));
            s.setString(2, tenantId);
            return oneThread(s);
        }
    }

    private static Optional<EmailThread> threadByToken(Connection c, String tenantId, long token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM email_thread WHERE tenant_id = ? AND token = ?")) {
            s.setString(1, tenantId);
            s.setLong(2, token);
            return oneThread(s);
        }
    }

    private static long nextToken(Connection c) throws StoreException {
        try (PreparedStatement s = c.prepareStatement("SELECT nextval('thread_token_seq')");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("no thread token: " + e.getMessage(), e);
        }
    }

    private static void insertAttachments(Connection c, List<StoredAttachment> files) throws SQLException {
        if (files.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO attachment (id, tenant_id, email_id, filename, content_type, content_id, inline_part, size_bytes, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (StoredAttachment file : files) {
                s.setObject(1, file.id());
                s.setString(2, file.tenantId());
                s.setObject(3, file.emailId());
                s.setString(4, file.filename());
                s.setString(5, file.contentType());
                s.setString(6, file.contentId());
                s.setBoolean(7, file.inline());
                s.setLong(8, file.data().length);
                s.setBytes(9, file.data());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void insertEvents(Connection c, UUID emailId, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO inbound_event (email_id, seq, topic, event_key, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                s.setObject(1, emailId);
                s.setInt(2, i);
                s.setString(3, events.get(i).topic());
                s.setString(4, events.get(i).key());
                s.setBytes(5, events.get(i).payload());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** False for a message that answers no email thread (a chat transcript, say). */
    private static boolean hasThread(Connection c, String contactId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM email_thread WHERE contact_id = ?")) {
            s.setString(1, contactId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static EmailView inboundView(Connection c, ResultSet r) throws SQLException {
        UUID id = r.getObject("id", UUID.class);
        List<EmailView.AttachmentView> files = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, filename, content_type, content_id, inline_part, size_bytes FROM attachment
                WHERE email_id = ? ORDER BY inline_part, filename""")) {
            s.setObject(1, id);
            try (ResultSet a = s.executeQuery()) {
                while (a.next()) {
                    files.add(new EmailView.AttachmentView(a.getString(1), a.getString(2), a.getString(3), a.getString(4),
                            a.getBoolean(5), a.getLong(6)));
                }
            }
        }
        return new EmailView(id.toString(), r.getString("tenant_id"), r.getString("contact_id"), "INBOUND",
                r.getString("message_id"), r.getString("from_address"), r.getString("from_name"),
                r.getString("mailbox_address"), r.getString("subject"), r.getString("text_body"), r.getString("html_body"),
                r.getString("status"), r.getString("suppressed_reason"), r.getTimestamp("received_at").toInstant(), files);
    }

    private static OutboundRecord outboundRecord(ResultSet r) throws SQLException {
        return new OutboundRecord(r.getString("request_id"), r.getString("tenant_id"), r.getString("contact_id"),
                r.getString("agent_id"), r.getString("message_id"), r.getString("recipient"), r.getString("subject"),
                r.getString("text_body"), "SENT".equals(r.getString("status")), r.getString("reason"),
                r.getBoolean("permanent"), r.getTimestamp("decided_at").toInstant());
    }

    private static Optional<EmailThread> oneThread(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(new EmailThread(r.getString("contact_id"), r.getString("tenant_id"), r.getLong("token"),
                    r.getString("mailbox_address"), r.getString("customer_address"), r.getString("customer_name"),
                    r.getString("subject"), r.getTimestamp("created_at").toInstant(),
                    r.getTimestamp("ended_at") == null ? null : r.getTimestamp("ended_at").toInstant()));
        }
    }

    private static void insertThread(Connection c, EmailThread thread) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO email_thread (contact_id, tenant_id, token, mailbox_address, customer_address, customer_name, subject, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, thread.contactId());
            s.setString(2, thread.tenantId());
            s.setLong(3, thread.token());
            s.setString(4, thread.mailboxAddress());
            s.setString(5, thread.customerAddress());
            s.setString(6, thread.customerName());
            s.setString(7, thread.subject());
            s.setTimestamp(8, Timestamp.from(thread.createdAt()));
            s.executeUpdate();
        }
    }

    private static void insertInbound(Connection c, InboundRecord e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO inbound_email (id, tenant_id, message_id, contact_id, source, envelope_from, from_address, from_name,
                                           mailbox_address, subject, text_body, html_body, raw, status, suppressed_reason, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setObject(1, e.id());
            s.setString(2, e.tenantId());
            s.setString(3, e.messageId());
            s.setString(4, e.contactId());
            s.setString(5, e.source());
            s.setString(6, e.envelopeFrom());
            s.setString(7, e.fromAddress());
            s.setString(8, e.fromName());
            s.setString(9, e.mailboxAddress());
            s.setString(10, e.subject());
            s.setString(11, e.text());
            s.setString(12, e.html());
            s.setBytes(13, e.raw());
            s.setString(14, e.status().name());
            s.setString(15, e.suppressedReason());
            s.setTimestamp(16, Timestamp.from(e.receivedAt()));
            s.executeUpdate();
        }
    }

    private static void insertThreadMessage(Connection c, String tenantId, String messageId, String contactId,
            boolean outbound, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO thread_message (tenant_id, message_id, contact_id, outbound, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, message_id) DO NOTHING""")) {
            s.setString(1, tenantId);
            s.setString(2, messageId);
            s.setString(3, contactId);
            s.setBoolean(4, outbound);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
        }
    }
    /** Runs on a connection of its own; a database failure becomes the domain's {@link StoreException}. */
    private <T> T work(Work<T> work) throws StoreException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("the email store is unavailable: " + e.getMessage(), e);
        }
    }

    /** One transaction; a unique violation means another delivery of the same message got there first. */
    private <T> T inTransaction(Transactional<T> work) throws StoreException, DuplicateMessageException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new DuplicateMessageException(e.getMessage());
                }
                throw e;
            } catch (StoreException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("the email store is unavailable: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface Transactional<T> {
        T run(Connection connection) throws SQLException, StoreException;
    }
}
