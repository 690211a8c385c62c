package io.switchboard.routing.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.domain.QueueDay;
import io.switchboard.routing.engine.AgentSnapshot;
import io.switchboard.routing.engine.ContactSnapshot;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.ContactRequest;

/**
 * The routing tables (schema {@code routing}). Writes take the caller's connection so that the
 * state, the processed-event mark and the outbox rows of one input commit together.
 */
@ApplicationScoped
public class RoutingStore {

    /** A row of the outbox. */
    public record OutboxRow(long id, String domain, String topic, String key, byte[] payload, String headers) {
    }

    /** A configuration snapshot as received. */
    public record ConfigRow(String key, String kind, String tenantId, byte[] cloudEvent) {
    }

    private final DataSource dataSource;

    public RoutingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Connection connect() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    /**
     * Marks a batch of inputs processed with the digest of what each said; returns the ids seen for the
     * first time (the others are duplicates, whose first digest {@link #digestsOf} gives).
     */
    public Set<UUID> markProcessed(Connection connection, List<UUID> eventIds, List<String> domains, List<byte[]> digests)
            throws SQLException {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO processed_event (event_id, domain, digest) SELECT * FROM unnest(?::uuid[], ?::text[], ?::bytea[])
                ON CONFLICT DO NOTHING RETURNING event_id""")) {
            insert.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            insert.setArray(2, connection.createArrayOf("text", domains.toArray()));
            insert.setArray(3, connection.createArrayOf("bytea", digests.toArray(new byte[0][])));
            Set<UUID> fresh = new java.util.HashSet<>();
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    fresh.add(result.getObject(1, UUID.class));
                }
            }
            return fresh;
        }
    }

    /** The digests inputs were first processed with, by event id; ids processed before digests were kept are absent. */
    public java.util.Map<UUID, byte[]> digestsOf(Connection connection, java.util.Collection<UUID> eventIds) throws SQLException {
        java.util.Map<UUID, byte[]> digests = new java.util.HashMap<>();
        if (eventIds.isEmpty()) {
            return digests;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_id, digest FROM processed_event WHERE event_id = ANY(?::uuid[]) AND digest IS NOT NULL")) {
            select.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    digests.put(result.getObject(1, UUID.class), result.getBytes(2));
                }
            }
        }
        return digests;
    }

    /** Forgets processed input ids older than the retention; returns how many. */
    public int forgetProcessedBefore(java.time.Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM processed_event WHERE processed_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }

    public void saveConfig(Connection connection, String domain, ConfigRow row) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO config_snapshot (config_key, domain, kind, tenant_id, cloud_event) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (config_key) DO UPDATE SET domain = excluded.domain, kind = excluded.kind,
                    tenant_id = excluded.tenant_id, cloud_event = excluded.cloud_event, updated_at = now()""")) {
            upsert.setString(1, row.key());
            upsert.setString(2, domain);
            upsert.setString(3, row.kind());
            upsert.setString(4, row.tenantId());
            upsert.setBytes(5, row.cloudEvent());
            upsert.executeUpdate();
        }
    }

    /** Tenants first, then queues, then agents: the order the engine needs them in. */
    public List<ConfigRow> configOf(String domain) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT config_key, kind, tenant_id, cloud_event FROM config_snapshot WHERE domain = ?
                        ORDER BY CASE kind WHEN 'TENANT' THEN 0 WHEN 'QUEUE' THEN 1 ELSE 2 END, updated_at, config_key""")) {
            select.setString(1, domain);
            List<ConfigRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new ConfigRow(result.getString(1), result.getString(2), result.getString(3), result.getBytes(4)));
                }
            }
            return rows;
        }
    }

    /** Every tenant's domain, for re-keying inputs. */
    public Map<String, String> tenantDomains() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT tenant_id, domain FROM config_snapshot WHERE kind = 'TENANT'");
                ResultSet result = select.executeQuery()) {
            Map<String, String> domains = new java.util.HashMap<>();
            while (result.next()) {
                domains.put(result.getString(1), result.getString(2));
            }
            return domains;
        }
    }

    /** The domains with any state or configuration. */
    public Set<String> domains() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT DISTINCT domain FROM config_snapshot");
                ResultSet result = select.executeQuery()) {
            Set<String> domains = new java.util.HashSet<>();
            while (result.next()) {
                domains.add(result.getString(1));
            }
            return domains;
        }
    }

    public void saveAgents(Connection connection, String domain, Collection<AgentSnapshot> agents) throws SQLException {
        if (agents.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(AGENT_UPSERT)) {
            for (AgentSnapshot agent : agents) {
                bindAgent(upsert, domain, agent);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static final String AGENT_UPSERT = """
                INSERT INTO agent_state (agent_id, domain, state, idle_since, wrap_up_ends, missed_offers) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET domain = excluded.domain, state = excluded.state,
                    idle_since = excluded.idle_since, wrap_up_ends = excluded.wrap_up_ends, missed_offers = excluded.missed_offers""";

    private static void bindAgent(PreparedStatement upsert, String domain, AgentSnapshot agent) throws SQLException {
        upsert.setString(1, agent.agentId());
        upsert.setString(2, domain);
        upsert.setString(3, agent.state().name());
        upsert.setTimestamp(4, Timestamp.from(agent.idleSince()));
        upsert.setTimestamp(5, agent.wrapUpEnds() == null ? null : Timestamp.from(agent.wrapUpEnds()));
        upsert.setInt(6, agent.missedOffers());
    }

    public List<AgentSnapshot> agentsOf(String domain) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT agent_id, state, idle_since, wrap_up_ends, missed_offers FROM agent_state WHERE domain = ?")) {
            select.setString(1, domain);
            List<AgentSnapshot> agents = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Timestamp wrapUp = result.getTimestamp(4);
                    agents.add(new AgentSnapshot(result.getString(1), AgentState.valueOf(result.getString(2)),
                            result.getTimestamp(3).toInstant(), wrapUp == null ? null : wrapUp.toInstant(), result.getInt(5), 0));
                }
            }
            return agents;
        }
    }

    public void saveContacts(Connection connection, String domain, Collection<ContactSnapshot> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(CONTACT_UPSERT)) {
            for (ContactSnapshot contact : contacts) {
                bindContact(connection, upsert, domain, contact);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    public void deleteContacts(Connection connection, Collection<String> contactIds) throws SQLException {
        if (contactIds.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM contact_state WHERE contact_id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("text", contactIds.toArray()));
            delete.executeUpdate();
        }
    }

    private static final String CONTACT_UPSERT = """
                INSERT INTO contact_state (contact_id, domain, tenant_id, channel, queue_id, priority, arrived_at, preferred_agent,
                    status, agent_id, offer_id, offer_expires, attempts, rejected_by, queued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (contact_id) DO UPDATE SET queue_id = excluded.queue_id, preferred_agent = excluded.preferred_agent,
                    status = excluded.status, agent_id = excluded.agent_id, offer_id = excluded.offer_id,
                    offer_expires = excluded.offer_expires, attempts = excluded.attempts, rejected_by = excluded.rejected_by,
                    queued_at = excluded.queued_at""";

    private static void bindContact(Connection connection, PreparedStatement upsert, String domain, ContactSnapshot contact)
            throws SQLException {
        ContactRequest request = contact.request();
        upsert.setString(1, request.id());
        upsert.setString(2, domain);
        upsert.setString(3, request.tenant());
        upsert.setString(4, request.channel().name());
        upsert.setString(5, request.queueId());
        upsert.setInt(6, request.priority());
        upsert.setTimestamp(7, Timestamp.from(request.arrivedAt()));
        upsert.setString(8, request.preferredAgentId());
        upsert.setString(9, contact.status().name());
        upsert.setString(10, contact.agentId());
        upsert.setString(11, contact.offerId());
        upsert.setTimestamp(12, contact.offerExpires() == null ? null : Timestamp.from(contact.offerExpires()));
        upsert.setInt(13, contact.attempts());
        upsert.setArray(14, connection.createArrayOf("text", contact.rejectedBy().toArray()));
        upsert.setTimestamp(15, Timestamp.from(contact.queuedAt()));
    }

    public void saveQueueDays(Connection connection, String domain, Map<String, QueueDay> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO queue_day_stats (queue_id, domain, day, offered, answered, answered_in_time, abandoned)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (queue_id, day) DO UPDATE SET offered = excluded.offered, answered = excluded.answered,
                    answered_in_time = excluded.answered_in_time, abandoned = excluded.abandoned""")) {
            for (var entry : days.entrySet()) {
                QueueDay day = entry.getValue();
                upsert.setString(1, entry.getKey());
                upsert.setString(2, domain);
                upsert.setObject(3, day.day());
                upsert.setLong(4, day.offeredCount());
                upsert.setLong(5, day.answeredCount());
                upsert.setLong(6, day.answeredWithinThresholdCount());
                upsert.setLong(7, day.abandonedCount());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The latest day's counts of each queue of a domain. */
    public Map<String, QueueDay> queueDaysOf(String domain) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT DISTINCT ON (queue_id) queue_id, day, offered, answered, answered_in_time, abandoned
                        FROM queue_day_stats WHERE domain = ? ORDER BY queue_id, day DESC""")) {
            select.setString(1, domain);
            Map<String, QueueDay> days = new java.util.HashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    days.put(row.getString(1), new QueueDay(row.getObject(2, java.time.LocalDate.class), row.getLong(3),
                            row.getLong(4), row.getLong(5), row.getLong(6)));
                }
            }
            return days;
        }
    }

    /** A domain's contacts in arrival order, so a rebuilt engine breaks ties as the original did. */
    public List<ContactSnapshot> contactsOf(String domain) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT contact_id, tenant_id, channel, queue_id, priority, arrived_at, preferred_agent, status, agent_id,
                            offer_id, offer_expires, attempts, rejected_by, queued_at
                        FROM contact_state WHERE domain = ? ORDER BY arrived_at, arrival_seq""")) {
            select.setString(1, domain);
            List<ContactSnapshot> contacts = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ContactRequest request = new ContactRequest(row.getString(1), row.getString(2), Channel.valueOf(row.getString(3)),
                            row.getString(4), row.getInt(5), row.getTimestamp(6).toInstant(), row.getString(7));
                    Timestamp expires = row.getTimestamp(11);
                    Array rejected = row.getArray(13);
                    contacts.add(new ContactSnapshot(request, ContactSnapshot.Status.valueOf(row.getString(8)), row.getString(9),
                            row.getString(10), expires == null ? null : expires.toInstant(), row.getInt(12),
                            Set.of((String[]) rejected.getArray()), row.getTimestamp(14).toInstant()));
                }
            }
            return contacts;
        }
    }

    /** A row to add to the outbox. */
    public record OutboxInsert(String domain, String topic, String key, byte[] payload, String headers) {
    }

    /**
     * Adds rows in the given order; their ids (and so their publishing order) follow it. Returns
     * them with their ids, for the relay once the transaction is committed.
     */
    public List<OutboxRow> addToOutbox(Connection connection, List<OutboxInsert> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (domain, topic, msg_key, payload, headers) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            for (OutboxInsert row : rows) {
                insert.setString(1, row.domain());
                insert.setString(2, row.topic());
                insert.setString(3, row.key());
                insert.setBytes(4, row.payload());
                insert.setString(5, row.headers());
                insert.addBatch();
            }
            insert.executeBatch();
            List<OutboxRow> added = new ArrayList<>(rows.size());
            try (ResultSet ids = insert.getGeneratedKeys()) {
                for (OutboxInsert row : rows) {
                    if (!ids.next()) {
                        throw new SQLException("the outbox returned fewer ids than rows inserted");
                    }
                    added.add(new OutboxRow(ids.getLong(1), row.domain(), row.topic(), row.key(), row.payload(), row.headers()));
                }
            }
            return added;
        }
    }

    /** The oldest unpublished rows of the given domains, in order. */
    public List<OutboxRow> pendingOutbox(Collection<String> domains, int limit) throws SQLException {
        if (domains.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, domain, topic, msg_key, payload, headers FROM outbox WHERE domain = ANY (?) ORDER BY id LIMIT ?")) {
            select.setArray(1, connection.createArrayOf("text", domains.toArray()));
            select.setInt(2, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutboxRow(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getBytes(5), result.getString(6)));
                }
            }
            return rows;
        }
    }

    /**
     * Deletes published rows without waiting for the disk: a delete lost in a database crash only
     * publishes those rows again, with the same event ids, which consumers drop (ADR 0002).
     */
    public void deleteOutbox(Collection<Long> ids) throws SQLException {
        try (Connection connection = connect()) {
            try (Statement relaxed = connection.createStatement();
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
                relaxed.execute("SET LOCAL synchronous_commit = off");
                delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                delete.executeUpdate();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

}
