package io.switchboard.social.persistence;

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

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.address.SocialAccount;
import io.switchboard.events.address.SocialPlatform;
import io.switchboard.social.domain.Conversation;
import io.switchboard.social.domain.NewInbound;
import io.switchboard.social.domain.OutboundRecord;
import io.switchboard.social.domain.SocialStore;
import io.switchboard.social.domain.StoreException;
import io.switchboard.social.domain.StoredEvent;
import io.switchboard.social.domain.StoredFile;

/**
 * The social channel's PostgreSQL state (schema {@code social}) over blocking JDBC: webhook calls run
 * on worker threads and each message is one short transaction.
 */
@ApplicationScoped
public class JdbcSocialStore implements SocialStore {

    private static final Logger LOG = Logger.getLogger(JdbcSocialStore.class);

    private final DataSource dataSource;
    private final Queue<UUID> published = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService marker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "social-published-marker");
        thread.setDaemon(true);
        return thread;
    });

    public JdbcSocialStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, DuplicateException;
    }

    private <T> T read(Work<T> work) throws StoreException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException | DuplicateException e) {
            throw new StoreException("the social store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<KnownInbound> findInbound(SocialPlatform platform, String providerMessageId) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, contact_id, status FROM inbound_message WHERE platform = ? AND provider_message_id = ?")) {
                s.setString(1, platform.name());
                s.setString(2, providerMessageId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new KnownInbound(r.getObject(1, UUID.class), r.getString(2),
                            "PUBLISHED".equals(r.getString(3)))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Conversation saveInbound(NewInbound inbound, EventsFor eventsFor) throws StoreException, DuplicateException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Conversation result = saveInbound(c, inbound, eventsFor);
                c.commit();
                return result;
            } catch (SQLException | DuplicateException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("the social store failed: " + e.getMessage(), e);
        }
    }

    private Conversation saveInbound(Connection c, NewInbound inbound, EventsFor eventsFor) throws SQLException, DuplicateException {
        var message = inbound.message();
        String account = message.account().address();
        // One statement: the customer's open conversation on this account, opened when there is none (the
        // partial unique index keeps one open) or moved forward, and the message itself; a message id seen
        // before inserts nothing and the whole transaction is rolled back.
        Conversation conversation;
        boolean created;
        try (PreparedStatement s = c.prepareStatement("""
                WITH conv AS (
                    INSERT INTO conversation (contact_id, tenant_id, account, customer_id, customer_name, opened_at, last_inbound_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, account, customer_id) WHERE ended_at IS NULL DO UPDATE
                        SET last_inbound_at = greatest(conversation.last_inbound_at, EXCLUDED.last_inbound_at),
                            customer_name = coalesce(EXCLUDED.customer_name, conversation.customer_name)
                    RETURNING *, (xmax = 0) AS created),
                msg AS (
                    INSERT INTO inbound_message (id, platform, provider_message_id, tenant_id, contact_id, account, customer_id,
                        kind, text, sent_at, received_at, status)
                    SELECT ?, ?, ?, ?, conv.contact_id, ?, ?, ?, ?, ?, ?, 'PENDING' FROM conv
                    ON CONFLICT (platform, provider_message_id) DO NOTHING RETURNING id)
                SELECT conv.*, (SELECT count(*) FROM msg) AS inserted FROM conv""")) {
            int i = 0;
            s.setString(++i, UUID.randomUUID().toString());
            s.setString(++i, inbound.tenantId());
            s.setString(++i, account);
            s.setString(++i, message.senderId());
            s.setString(++i, message.senderName());
            s.setTimestamp(++i, Timestamp.from(inbound.receivedAt()));
            s.setTimestamp(++i, Timestamp.from(message.sentAt()));
            s.setObject(++i, inbound.id());
            s.setString(++i, message.account().platform().name());
            s.setString(++i, message.providerMessageId());
            s.setString(++i, inbound.tenantId());
            s.setString(++i, account);
            s.setString(++i, message.senderId());
            s.setString(++i, message.kind());
            s.setString(++i, message.text());
            s.setTimestamp(++i, Timestamp.from(message.sentAt()));
            s.setTimestamp(++i, Timestamp.from(inbound.receivedAt()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong("inserted") == 0) {
                    throw new DuplicateException();
                }
                conversation = conversation(r);
                created = r.getBoolean("created");
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO attachment (id, tenant_id, message_id, filename, content_type, size_bytes, data)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (StoredFile file : inbound.files()) {
                s.setObject(1, file.id());
                s.setString(2, file.tenantId());
                s.setObject(3, inbound.id());
                s.setString(4, file.filename());
                s.setString(5, file.contentType());
                s.setLong(6, file.data().length);
                s.setBytes(7, file.data());
                s.addBatch();
            }
            if (!inbound.files().isEmpty()) {
                s.executeBatch();
            }
        }
        List<StoredEvent> events = eventsFor.events(conversation, created);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO inbound_event (message_id, seq, topic, event_key, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                s.setObject(1, inbound.id());
                s.setInt(2, i);
                s.setString(3, events.get(i).topic());
                s.setString(4, events.get(i).key());
                s.setBytes(5, events.get(i).payload());
                s.addBatch();
            }
            s.executeBatch();
        }
        return conversation;
    }

    @Override
    public List<StoredEvent> events(UUID inboundId) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT topic, event_key, payload FROM inbound_event WHERE message_id = ? ORDER BY seq")) {
                s.setObject(1, inboundId);
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

    /** Marked in batches off the webhook's path: one statement per flush instead of one per message. */
    @Override
    public void markPublished(UUID inboundId) {
        published.add(inboundId);
    }

    @PostConstruct
    void startMarking() {
        marker.scheduleWithFixedDelay(this::flushPublished, 100, 100, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopMarking() {
        marker.shutdown();
        flushPublished();
    }

    synchronized void flushPublished() {
        List<UUID> batch = new ArrayList<>();
        for (UUID id; batch.size() < 5_000 && (id = published.poll()) != null; ) {
            batch.add(id);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            read(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        WITH done AS (UPDATE inbound_message SET status = 'PUBLISHED' WHERE id = ANY (?) RETURNING id)
                        DELETE FROM inbound_event WHERE message_id IN (SELECT id FROM done)""")) {
                    s.setArray(1, c.createArrayOf("uuid", batch.toArray()));
                    return s.executeUpdate();
                }
            });
        } catch (StoreException | RuntimeException e) {
            // Left PENDING: the sweeper publishes them again with the same event ids, and marks them then.
            LOG.warnf("could not mark %d messages published: %s", batch.size(), e.getMessage());
        }
    }

    @Override
    public List<UUID> pendingBefore(Instant storedBefore, int limit) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM inbound_message WHERE status = 'PENDING' AND received_at < ? ORDER BY received_at LIMIT ?")) {
                s.setTimestamp(1, Timestamp.from(storedBefore));
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
    public Optional<Conversation> conversation(String contactId) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM conversation WHERE contact_id = ?")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(conversation(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void markEnded(String contactId, Instant at) throws StoreException {
        read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE conversation SET ended_at = ? WHERE contact_id = ? AND ended_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(at));
                s.setString(2, contactId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<OutboundRecord> outbound(String messageId) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM outbound_message WHERE message_id = ?")) {
                s.setString(1, messageId);
                return first(s);
            }
        });
    }

    @Override
    public void saveOutbound(OutboundRecord o) throws StoreException {
        read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO outbound_message (message_id, tenant_id, contact_id, agent_id, account, recipient_id,
                        provider_message_id, sent, reason, permanent, template, text, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING""")) {
                s.setString(1, o.messageId());
                s.setString(2, o.tenantId());
                s.setString(3, o.contactId());
                s.setString(4, o.agentId());
                s.setString(5, o.account());
                s.setString(6, o.recipientId());
                s.setString(7, o.providerMessageId());
                s.setBoolean(8, o.sent());
                s.setString(9, o.reason());
                s.setBoolean(10, o.permanent());
                s.setString(11, o.template());
                s.setString(12, o.text());
                s.setTimestamp(13, Timestamp.from(o.decidedAt()));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<OutboundRecord> outboundByProviderId(SocialAccount account, String providerMessageId) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT * FROM outbound_message WHERE account = ? AND provider_message_id = ?")) {
                s.setString(1, account.address());
                s.setString(2, providerMessageId);
                return first(s);
            }
        });
    }

    @Override
    public List<OutboundRecord> sentUpTo(SocialAccount account, String recipientId, Instant upTo) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT * FROM outbound_message WHERE account = ? AND recipient_id = ? AND sent AND decided_at <= ?
                    ORDER BY decided_at DESC LIMIT 20""")) {
                s.setString(1, account.address());
                s.setString(2, recipientId);
                s.setTimestamp(3, Timestamp.from(upTo));
                List<OutboundRecord> records = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        records.add(outbound(r));
                    }
                }
                return records;
            }
        });
    }

    @Override
    public Optional<Attachment> attachment(UUID id) throws StoreException {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT tenant_id, filename, content_type, data FROM attachment WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Attachment(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4)))
                            : Optional.empty();
                }
            }
        });
    }

    private static Optional<OutboundRecord> first(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(outbound(r)) : Optional.empty();
        }
    }

    private static OutboundRecord outbound(ResultSet r) throws SQLException {
        return new OutboundRecord(r.getString("message_id"), r.getString("tenant_id"), r.getString("contact_id"),
                r.getString("agent_id"), r.getString("account"), r.getString("recipient_id"), r.getString("provider_message_id"),
                r.getBoolean("sent"), r.getString("reason"), r.getBoolean("permanent"), r.getString("template"), r.getString("text"),
                r.getTimestamp("decided_at").toInstant());
    }

    private static Conversation conversation(ResultSet r) throws SQLException {
        Timestamp ended = r.getTimestamp("ended_at");
        return new Conversation(r.getString("contact_id"), r.getString("tenant_id"), SocialAccount.parse(r.getString("account")),
                r.getString("customer_id"), r.getString("customer_name"), r.getTimestamp("opened_at").toInstant(),
                r.getTimestamp("last_inbound_at").toInstant(), ended == null ? null : ended.toInstant());
    }
}
