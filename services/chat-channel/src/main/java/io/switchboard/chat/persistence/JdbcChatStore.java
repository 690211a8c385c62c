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

import io.switchboard.chat.domain.ChatLine;
import io.switchboard.chat.domain.ChatStore;
import io.switchboard.chat.domain.Conversation;
import io.switchboard.chat.domain.Reader;
import io.switchboard.chat.domain.StoreException;

/** The chat channel's PostgreSQL state (schema {@code chat}) over JDBC, on the sockets' worker threads. */
@ApplicationScoped
public class JdbcChatStore implements ChatStore {

    private final DataSource dataSource;

    public JdbcChatStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(Conversation conversation) throws StoreException {
        update("""
                INSERT INTO conversation (contact_id, tenant_id, widget_id, visitor_id, customer_name, customer_email, started_at,
                                          last_seen_at, connected)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)""", conversation.contactId(), conversation.tenantId(),
                conversation.widgetId(), conversation.visitorId(), conversation.customerName(), conversation.customerEmail(),
                Timestamp.from(conversation.startedAt()), Timestamp.from(conversation.startedAt()));
    }

    @Override
    public Optional<Conversation> conversation(String contactId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM conversation WHERE contact_id = ?")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(conversation(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public StoredMessage addCustomerMessage(String contactId, UUID id, String clientMessageId, String text, Instant at)
            throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
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
        });
    }

    /**
     * Losing this commit in a crash only means a resend publishes the same events again, with the same
     * ids, so it does not wait for the WAL flush.
     */
    @Override
    public void markPublished(String contactId, UUID messageId, boolean contactCreated) throws StoreException {
        work(c -> {
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
                return null;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public boolean addAgentMessage(String contactId, UUID id, String agentId, String text, Instant at) throws StoreException {
        return update("""
                INSERT INTO chat_message (id, contact_id, from_customer, agent_id, text, sent_at)
                VALUES (?, ?, false, ?, ?, ?) ON CONFLICT (id) DO NOTHING""", id, contactId, agentId, text, Timestamp.from(at)) == 1;
    }

    @Override
    public List<ChatLine> transcript(String contactId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM chat_message WHERE contact_id = ? ORDER BY sent_at, id")) {
                s.setString(1, contactId);
                List<ChatLine> lines = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        lines.add(line(r));
                    }
                }
                return lines;
            }
        });
    }

    /**
     * One query decides and reads: the conversation must be of one of the reader's tenants and, for an
     * agent, a contact routing offered or assigned to them; a conversation without lines is one row of nulls.
     */
    @Override
    public Optional<List<ChatLine>> transcriptFor(Reader reader, String contactId) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT m.* FROM conversation c
                    LEFT JOIN chat_message m ON m.contact_id = c.contact_id
                    WHERE c.contact_id = ? AND c.tenant_id = ANY(?)
                      AND (? OR EXISTS (SELECT 1 FROM contact_handler h WHERE h.contact_id = c.contact_id AND h.agent_id = ?))
                    ORDER BY m.sent_at, m.id""")) {
                s.setString(1, contactId);
                s.setArray(2, c.createArrayOf("text", reader.tenants().toArray()));
                s.setBoolean(3, reader.supervisor());
                s.setString(4, reader.agentId());
                List<ChatLine> lines = new ArrayList<>();
                boolean found = false;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found = true;
                        if (r.getString("id") != null) {
                            lines.add(line(r));
                        }
                    }
                }
                return found ? Optional.of(lines) : Optional.empty();
            }
        });
    }

    @Override
    public void assign(String contactId, String agentId) throws StoreException {
        update("UPDATE conversation SET agent_id = ? WHERE contact_id = ?", agentId, contactId);
    }

    @Override
    public void recordHandler(String contactId, String tenantId, String agentId, Instant at) throws StoreException {
        update("""
                INSERT INTO contact_handler (contact_id, agent_id, tenant_id, first_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (contact_id, agent_id) DO NOTHING""", contactId, agentId, tenantId, Timestamp.from(at));
    }

    @Override
    public void connected(String contactId, boolean connected, Instant at) throws StoreException {
        update("UPDATE conversation SET connected = ?, last_seen_at = ? WHERE contact_id = ?", connected, Timestamp.from(at),
                contactId);
    }

    @Override
    public boolean claimRating(String contactId, Instant at) throws StoreException {
        return update("UPDATE conversation SET rated_at = ? WHERE contact_id = ? AND rated_at IS NULL", Timestamp.from(at), contactId) == 1;
    }

    @Override
    public void releaseRating(String contactId) throws StoreException {
        update("UPDATE conversation SET rated_at = NULL WHERE contact_id = ?", contactId);
    }

    @Override
    public boolean end(String contactId, String reason, Instant at) throws StoreException {
        return update("UPDATE conversation SET ended_at = ?, end_reason = ? WHERE contact_id = ? AND ended_at IS NULL",
                Timestamp.from(at), reason, contactId) == 1;
    }

    @Override
    public List<Conversation> abandonedBefore(Instant before) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement("""
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
        });
    }

    private int update(String sql, Object... parameters) throws StoreException {
        return work(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    /** Runs on a connection of its own; a database failure becomes the domain's {@link StoreException}. */
    private <T> T work(Work<T> work) throws StoreException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("the chat store is unavailable: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
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
