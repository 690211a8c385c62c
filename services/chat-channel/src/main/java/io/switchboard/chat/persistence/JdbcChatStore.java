package io.switchboard.chat.persistence;

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

/** The chat channel's PostgreSQL state (schema {@code chat}) over JDBC, on the sockets' worker threads. */
@ApplicationScoped
public class ChatStore {

    private final DataSource dataSource;

    public ChatStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(Conversation conversation) throws SQLException {
        update("""
                INSERT INTO conversation (contact_id, tenant_id, widget_id, visitor_id, customer_name, customer_email, started_at,
                                          last_seen_at, connected)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)""", conversation.contactId(), conversation.tenantId(),
                conversation.widgetId(), conversation.visitorId(), conversation.customerName(), conversation.customerEmail(),
                Timestamp.from(conversation.startedAt()), Timestamp.from(conversation.startedAt()));
    }

    public Optional<Conversation> conversation(String contactId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM conversation WHERE contact_id = ?")) {
            s.setString(1, contactId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(conversation(r)) : Optional.empty();
            }
        }
    }

    /**
     * Stores the customer's message once (keyed by the widget's id) and returns what is stored: when it
     * was first written and whether Kafka already has it, so a resend is answered without publishing again.
     */
    public StoredMessage addCustomerMessage(String contactId, UUID id, String clientMessageId, String text, Instant at)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO chat_message (id, contact_id, from_customer, client_message_id, text, sent_at)
                        VALUES (?, ?, true, ?, ?, ?)
                        ON CONFLICT (contact_id, client_message_id) DO UPDATE SET client_message_id = EXCLUDED.client_message_id
                        RETURNING sent_at, published""")) {
            s.setObject(1, id);
            s.setString(2, contactId);
            s.setString(3, clientMessageId);
            s.setString(4, text);
            s.setTimestamp(5, Timestamp.from(at));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new StoredMessage(r.getTimestamp(1).toInstant(), r.getBoolean(2));
            }
        }
    }

    public record StoredMessage(Instant sentAt, boolean published) {
    }

    /**
     * Kafka has the message (and, with the first one, the contact). Losing this commit in a crash only
     * means a resend publishes the same events again, with the same ids, so it does not wait for the
     * WAL flush.
     */
    public void markPublished(String contactId, UUID messageId, boolean contactCreated) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement async = c.prepareStatement("SET LOCAL synchronous_commit TO off");
                    PreparedStatement message = c.prepareStatement("UPDATE chat_message SET published = true WHERE id = ?");
                    PreparedStatement contact = c.prepareStatement(
                            "UPDATE conversation SET contact_created = true WHERE contact_id = ? AND NOT contact_created")) {
                async.execute();
                message.setObject(1, messageId);
                message.executeUpdate();
                if (contactCreated) {
                    contact.setString(1, contactId);
                    contact.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** An agent's reply, once per reply request id. */
    public boolean addAgentMessage(String contactId, UUID id, String agentId, String text, Instant at) throws SQLException {
        return update("""
                INSERT INTO chat_message (id, contact_id, from_customer, agent_id, text, sent_at)
                VALUES (?, ?, false, ?, ?, ?) ON CONFLICT (id) DO NOTHING""", id, contactId, agentId, text, Timestamp.from(at)) == 1;
    }

    public List<ChatLine> transcript(String contactId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM chat_message WHERE contact_id = ? ORDER BY sent_at, id")) {
            s.setString(1, contactId);
            List<ChatLine> lines = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(line(r));
                }
            }
            return lines;
        }
    }

    public void assign(String contactId, String agentId) throws SQLException {
        update("UPDATE conversation SET agent_id = ? WHERE contact_id = ?", agentId, contactId);
    }

    public void connected(String contactId, boolean connected, Instant at) throws SQLException {
        update("UPDATE conversation SET connected = ?, last_seen_at = ? WHERE contact_id = ?", connected, Timestamp.from(at),
                contactId);
    }

    /** Ends a conversation once; false when it had ended already. */
    public boolean end(String contactId, String reason, Instant at) throws SQLException {
        return update("UPDATE conversation SET ended_at = ?, end_reason = ? WHERE contact_id = ? AND ended_at IS NULL",
                Timestamp.from(at), reason, contactId) == 1;
    }

    /** Contacts whose customer left before any agent took them, gone since before {@code before}. */
    public List<Conversation> abandonedBefore(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT * FROM conversation WHERE ended_at IS NULL AND agent_id IS NULL AND contact_created
                          AND NOT connected AND last_seen_at < ? LIMIT 500""")) {
            s.setTimestamp(1, Timestamp.from(before));
            List<Conversation> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(conversation(r));
                }
            }
            return found;
        }
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    private static Conversation conversation(ResultSet r) throws SQLException {
        Timestamp ended = r.getTimestamp("ended_at");
        return new Conversation(r.getString("contact_id"), r.getString("tenant_id"), r.getString("widget_id"),
                r.getString("visitor_id"), r.getString("customer_name"), r.getString("customer_email"),
                r.getTimestamp("started_at").toInstant(), r.getBoolean("contact_created"), r.getString("agent_id"),
                ended == null ? null : ended.toInstant());
    }

    private static ChatLine line(ResultSet r) throws SQLException {
        return new ChatLine(r.getString("id"), r.getBoolean("from_customer"), r.getString("agent_id"), r.getString("text"),
                r.getTimestamp("sent_at").toInstant());
    }
}
