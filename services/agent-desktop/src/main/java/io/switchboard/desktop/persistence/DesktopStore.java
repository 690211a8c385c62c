package io.switchboard.desktop.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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

import io.switchboard.desktop.domain.AgentView;
import io.switchboard.desktop.domain.ContactDetails;
import io.switchboard.desktop.domain.ContactStatus;
import io.switchboard.desktop.domain.ContactSummary;
import io.switchboard.desktop.domain.Conversation;
import io.switchboard.desktop.domain.SupervisorNote;
import io.switchboard.desktop.domain.Survey;
import io.switchboard.desktop.domain.CustomerAddress;
import io.switchboard.desktop.domain.DialPlan;
import io.switchboard.desktop.domain.InboxStore;
import io.switchboard.desktop.domain.QueueSettings;
import io.switchboard.desktop.domain.QueueView;
import io.switchboard.desktop.domain.StoreException;
import io.switchboard.desktop.domain.ThreadMessage;
import io.switchboard.desktop.domain.WrapUp;
import io.switchboard.events.QueueConfigured.CannedResponse;
import io.switchboard.events.QueueConfigured.Disposition;

/**
 * The inbox's read model in PostgreSQL (schema {@code desktop}). Writes are idempotent upserts, so a
 * redelivered event changes nothing; an ENDED contact is never reopened by a late event.
 */
@ApplicationScoped
public class DesktopStore implements InboxStore {

    private static final String SUMMARY = """
            SELECT c.*, left(m.text, 200) AS last_text, m.sent_at AS last_at,
                   (SELECT count(*) FROM message u WHERE u.contact_id = c.contact_id AND u.inbound
                        AND u.sent_at > coalesce(c.agent_read_at, '-infinity')) AS unread
              FROM contact c
              LEFT JOIN LATERAL (SELECT text, sent_at FROM message WHERE contact_id = c.contact_id
                                  ORDER BY sent_at DESC LIMIT 1) m ON true
            """;

    private final DataSource dataSource;

    public DesktopStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // ------------------------------------------------------------------ contacts

    /** What the channel told about a new contact; fills what is unknown, never moves its status. */
    public void contactCreated(String contactId, String tenantId, String channel, String platform, String direction, String subject,
            String customerKind, String customerValue, String customerName, ContactDetails details, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO contact (contact_id, tenant_id, channel, platform, direction, subject, customer_kind, customer_value,
                                         customer_name, details, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (contact_id) DO UPDATE SET channel = EXCLUDED.channel, platform = EXCLUDED.platform,
                        direction = EXCLUDED.direction, subject = EXCLUDED.subject, customer_kind = EXCLUDED.customer_kind,
                        customer_value = EXCLUDED.customer_value, customer_name = EXCLUDED.customer_name,
                        details = EXCLUDED.details, created_at = EXCLUDED.created_at""",
                    contactId, tenantId, channel, platform, direction, subject, customerKind, customerValue, customerName,
                    details == null ? null : json(details), ts(at), ts(at));
        });
    }

    /** Whether the agent holds a voice call that has not ended: they are on the phone. */
    public boolean holdsOpenCall(String agentId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("""
                            SELECT EXISTS (SELECT 1 FROM contact WHERE agent_id = ? AND status = 'ASSIGNED' AND channel = 'VOICE')""")) {
                s.setString(1, agentId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            }
        });
    }

    /** Routing moved the contact; {@code status} is applied unless the contact already ended. */
    public void routed(String contactId, String tenantId, String channel, ContactStatus status, String queueId, String agentId,
            String offerId, String offeredAgentId, Instant offerExpiresAt, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO contact (contact_id, tenant_id, channel, status, queue_id, agent_id, offer_id, offered_agent_id,
                                         offer_expires_at, updated_at, routed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (contact_id) DO UPDATE SET status = EXCLUDED.status,
                        channel = coalesce(contact.channel, EXCLUDED.channel),
                        queue_id = coalesce(EXCLUDED.queue_id, contact.queue_id), agent_id = EXCLUDED.agent_id,
                        offer_id = EXCLUDED.offer_id, offered_agent_id = EXCLUDED.offered_agent_id,
                        offer_expires_at = EXCLUDED.offer_expires_at, updated_at = EXCLUDED.updated_at,
                        routed_at = EXCLUDED.routed_at,
                        agent_read_at = CASE WHEN EXCLUDED.status = 'ASSIGNED' AND contact.status <> 'ASSIGNED'
                                             THEN EXCLUDED.updated_at ELSE contact.agent_read_at END
                    WHERE contact.status <> 'ENDED' AND coalesce(contact.routed_at, '-infinity') <= EXCLUDED.routed_at""",
                    contactId, tenantId, channel, status.name(), queueId, agentId, offerId, offeredAgentId, ts(offerExpiresAt), ts(at), ts(at));
        });
    }

    /** An offer that was declined, timed out or withdrawn: the contact waits in its queue again. */
    public void offerEnded(String contactId, String offerId, Instant at) {
        run(() -> {
            update("""
                    UPDATE contact SET status = 'QUEUED', offer_id = NULL, offered_agent_id = NULL, offer_expires_at = NULL,
                           updated_at = ? WHERE contact_id = ? AND status = 'OFFERED' AND offer_id = ?""", ts(at), contactId, offerId);
        });
    }

    public void ended(String contactId, String tenantId, String reason, String disposition, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO contact (contact_id, tenant_id, status, ended_at, end_reason, disposition, updated_at)
                    VALUES (?, ?, 'ENDED', ?, ?, ?, ?)
                    ON CONFLICT (contact_id) DO UPDATE SET status = 'ENDED', offer_id = NULL, offered_agent_id = NULL,
                        offer_expires_at = NULL, ended_at = coalesce(contact.ended_at, EXCLUDED.ended_at),
                        wrap_up_agent_id = CASE WHEN contact.status = 'ASSIGNED' THEN contact.agent_id ELSE contact.wrap_up_agent_id END,
                        end_reason = coalesce(contact.end_reason, EXCLUDED.end_reason),
                        disposition = coalesce(contact.disposition, EXCLUDED.disposition), updated_at = EXCLUDED.updated_at""",
                    contactId, tenantId, ts(at), reason, disposition, ts(at));
        });
    }

    public void markRead(String contactId, Instant at) {
        run(() -> {
            update("UPDATE contact SET agent_read_at = greatest(coalesce(agent_read_at, '-infinity'), ?) WHERE contact_id = ?",
                    ts(at), contactId);
        });
    }

    public Optional<ContactSummary> contact(String contactId) {
        return query(() -> {
            List<ContactSummary> found = summaries(SUMMARY + " WHERE c.contact_id = ?", contactId);
            return found.stream().findFirst();
        });
    }

    /** The agent's inbox: contacts they hold and offers to them that have not expired. */
    public List<ContactSummary> inbox(String agentId, Set<String> tenants, Instant now) {
        return query(() -> {
            return summaries(SUMMARY + """
                     WHERE c.tenant_id = ANY(?) AND ((c.status = 'ASSIGNED' AND c.agent_id = ?)
                        OR (c.status = 'OFFERED' AND c.offered_agent_id = ? AND c.offer_expires_at > ?))
                     ORDER BY coalesce(m.sent_at, c.updated_at) DESC""", tenants, agentId, agentId, ts(now));
        });
    }

    /** Every contact of the tenants that has not ended, for supervisors. */
    public List<ContactSummary> active(Set<String> tenants) {
        return query(() -> {
            return summaries(SUMMARY + " WHERE c.tenant_id = ANY(?) AND c.status <> 'ENDED' ORDER BY c.updated_at DESC LIMIT 500", tenants);
        });
    }

    public Optional<Conversation> conversation(String contactId) {
        return query(() -> {
            Optional<ContactSummary> contact = contact(contactId);
            Optional<CustomerAddress> customer = customerAddress(contactId);
            if (contact.isEmpty() || customer.isEmpty()) {
                return Optional.empty();
            }
            List<ThreadMessage> messages = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT * FROM message WHERE contact_id = ? ORDER BY sent_at, message_id")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        messages.add(message(r));
                    }
                }
            }
            List<SupervisorNote> notes = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT * FROM supervisor_note WHERE contact_id = ? ORDER BY created_at, note_id")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        notes.add(new SupervisorNote(r.getObject("note_id", UUID.class), r.getString("contact_id"),
                                r.getString("author_id"), r.getString("author_name"), r.getString("to_agent_id"), r.getString("text"),
                                r.getTimestamp("created_at").toInstant()));
                    }
                }
            }
            return Optional.of(new Conversation(contact.get(), customer.get().kind(), customer.get().value(), messages,
                    wrapUp(contactId).orElse(null), notes, survey(contactId), details(contactId)));
        });
    }

    private ContactDetails details(String contactId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT details FROM contact WHERE contact_id = ?")) {
            s.setString(1, contactId);
            try (ResultSet r = s.executeQuery()) {
                String json = r.next() ? r.getString(1) : null;
                try {
                    return json == null ? null : JSON.readValue(json, ContactDetails.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored details do not read back: " + json, e);
                }
            }
        }
    }

    private Survey survey(String contactId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT csat_score, csat_comment, csat_at FROM contact WHERE contact_id = ?")) {
            s.setString(1, contactId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getObject(1) != null ? new Survey(r.getInt(1), r.getString(2), r.getTimestamp(3).toInstant()) : null;
            }
        }
    }

    public void surveyAnswered(String contactId, String tenantId, Survey survey) {
        run(() -> update("""
                INSERT INTO contact (contact_id, tenant_id, csat_score, csat_comment, csat_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (contact_id) DO UPDATE SET csat_score = coalesce(contact.csat_score, EXCLUDED.csat_score),
                    csat_comment = CASE WHEN contact.csat_score IS NULL THEN EXCLUDED.csat_comment ELSE contact.csat_comment END,
                    csat_at = coalesce(contact.csat_at, EXCLUDED.csat_at)""",
                contactId, tenantId, survey.score(), survey.comment(), ts(survey.at()), ts(survey.at())));
    }

    public void noteAdded(SupervisorNote note, String tenantId) {
        run(() -> update("""
                INSERT INTO supervisor_note (note_id, contact_id, tenant_id, author_id, author_name, to_agent_id, text, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (note_id) DO NOTHING""",
                note.noteId(), note.contactId(), tenantId, note.authorId(), note.authorName(), note.toAgentId(), note.text(), ts(note.at())));
    }

    /** How the channel named the contact's customer (kind, value and social platform), without reading the thread. */
    public Optional<CustomerAddress> customerAddress(String contactId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT customer_kind, customer_value, platform FROM contact WHERE contact_id = ?")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new CustomerAddress(r.getString(1), r.getString(2), r.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** One message of a thread. */
    public Optional<ThreadMessage> message(String messageId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT * FROM message WHERE message_id = ?")) {
                s.setString(1, messageId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(message(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<ThreadMessage> reply(String contactId, String messageId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT * FROM message WHERE message_id = ? AND contact_id = ? AND NOT inbound")) {
                s.setString(1, messageId);
                s.setString(2, contactId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(message(r)) : Optional.empty();
                }
            }
        });
    }

    private static ThreadMessage message(ResultSet r) throws SQLException {
        return new ThreadMessage(r.getString("message_id"), r.getBoolean("inbound"), r.getString("agent_id"), r.getString("text"),
                r.getInt("attachments"), instant(r, "sent_at"), r.getString("status"), r.getString("failure"), r.getString("delivery"),
                r.getString("delivery_reason"));
    }

    // ------------------------------------------------------------------ messages

    public void messageReceived(String messageId, String contactId, String tenantId, String text, int attachments, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO message (message_id, contact_id, tenant_id, inbound, text, attachments, sent_at, status)
                    VALUES (?, ?, ?, true, ?, ?, ?, 'RECEIVED') ON CONFLICT (message_id) DO NOTHING""",
                    messageId, contactId, tenantId, text, attachments, ts(at));
        });
    }

    /** An agent's reply the desktop asked the channel to deliver. */
    public void replyRequested(String messageId, String contactId, String tenantId, String agentId, String text, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO message (message_id, contact_id, tenant_id, inbound, agent_id, text, sent_at, status)
                    VALUES (?, ?, ?, false, ?, ?, ?, 'PENDING') ON CONFLICT (message_id) DO NOTHING""",
                    messageId, contactId, tenantId, agentId, text, ts(at));
        });
    }

    /** The channel's answer to a reply (or a reply sent by another tool): SENT or FAILED, with the reason. */
    public void replyOutcome(String messageId, String contactId, String tenantId, String agentId, String text, Instant at,
            String status, String failure) {
        run(() -> {
            update("""
                    INSERT INTO message (message_id, contact_id, tenant_id, inbound, agent_id, text, sent_at, status, failure)
                    VALUES (?, ?, ?, false, ?, ?, ?, ?, ?)
                    ON CONFLICT (message_id) DO UPDATE SET status = EXCLUDED.status, failure = EXCLUDED.failure
                    WHERE message.status <> 'SENT'""",
                    messageId, contactId, tenantId, agentId, text, ts(at), status, failure);
        });
    }

    /**
     * What the provider reported about a reply; kept only when it got further than what was known
     * ({@code rank}), so a late "sent" never hides "delivered". Returns whether it changed the message.
     */
    public boolean delivery(String messageId, String contactId, String status, int rank, String reason) {
        return query(() -> {
            return update("""
                    UPDATE message SET delivery = ?, delivery_rank = ?, delivery_reason = ?
                     WHERE message_id = ? AND contact_id = ? AND NOT inbound AND delivery_rank < ?""",
                    status, rank, reason, messageId, contactId, rank) > 0;
        });
    }

    // ------------------------------------------------------------------ agents and queues

    public void agentConfigured(String agentId, String name, List<String> tenants, Map<String, Integer> skills, boolean active) {
        run(() -> {
            update("""
                    INSERT INTO agent (agent_id, name, tenants, skills, active) VALUES (?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (agent_id) DO UPDATE SET name = EXCLUDED.name, tenants = EXCLUDED.tenants,
                        skills = EXCLUDED.skills, active = EXCLUDED.active""", agentId, name, tenants, json(skills), active);
        });
    }

    public void presence(String agentId, String state, String reason, Instant since, Instant wrapUpEndsAt) {
        run(() -> {
            update("""
                    INSERT INTO agent_presence (agent_id, state, reason, since, wrap_up_ends_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (agent_id) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason, since = EXCLUDED.since,
                        wrap_up_ends_at = EXCLUDED.wrap_up_ends_at WHERE agent_presence.since <= EXCLUDED.since""",
                    agentId, state, reason, ts(since), ts(wrapUpEndsAt));
        });
    }

    public Optional<String> presenceOf(String agentId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT state FROM agent_presence WHERE agent_id = ?")) {
                s.setString(1, agentId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** The tenants an agent serves, from their configuration (empty when unknown). */
    public Set<String> tenantsOf(String agentId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT tenants FROM agent WHERE agent_id = ?")) {
                s.setString(1, agentId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Set.of((String[]) r.getArray(1).getArray()) : Set.of();
                }
            }
        });
    }

    private static final String AGENT_VIEW = """
            SELECT a.agent_id, a.name, a.tenants, coalesce(p.state, 'OFFLINE') AS state, p.reason, p.since, p.wrap_up_ends_at,
                   (SELECT count(*) FROM contact k WHERE k.status = 'ASSIGNED' AND k.agent_id = a.agent_id) AS active
              FROM agent a LEFT JOIN agent_presence p ON p.agent_id = a.agent_id
            """;

    /** Agents who serve any of the tenants, with their presence and how many contacts they hold. */
    public List<AgentView> agents(Set<String> tenants) {
        return query(() -> {
            return agentViews(AGENT_VIEW + " WHERE a.active AND a.tenants && ? ORDER BY a.agent_id", tenants);
        });
    }

    /** One active agent as supervisors see them. */
    public Optional<AgentView> agent(String agentId) {
        return query(() -> {
            return agentViews(AGENT_VIEW + " WHERE a.active AND a.agent_id = ?", agentId).stream().findFirst();
        });
    }

    private List<AgentView> agentViews(String sql, Object... args) throws SQLException {
        List<AgentView> agents = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    agents.add(new AgentView(r.getString("agent_id"), r.getString("name"),
                            Arrays.asList((String[]) r.getArray("tenants").getArray()), r.getString("state"), r.getString("reason"),
                            instant(r, "since"), instant(r, "wrap_up_ends_at"), r.getInt("active")));
                }
            }
        }
        return agents;
    }

    /** A queue's configuration replaces what was known of it, unless an older one arrives late. */
    public void queueConfigured(QueueSettings queue, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO queue (tenant_id, queue_id, name, wrap_up_seconds, dispositions, canned_responses, configured_at)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                    ON CONFLICT (tenant_id, queue_id) DO UPDATE SET name = EXCLUDED.name, wrap_up_seconds = EXCLUDED.wrap_up_seconds,
                        dispositions = EXCLUDED.dispositions, canned_responses = EXCLUDED.canned_responses,
                        configured_at = EXCLUDED.configured_at
                    WHERE coalesce(queue.configured_at, '-infinity') <= EXCLUDED.configured_at""",
                    queue.tenantId(), queue.queueId(), queue.name(), queue.wrapUpSeconds(), json(queue.dispositions()),
                    json(queue.cannedResponses()), ts(at));
        });
    }

    /** What the tenant's queue asks of its agents (wrap-up time, dispositions, canned responses); empty when unknown. */
    public Optional<QueueSettings> queueSettings(String tenantId, String queueId) {
        return query(() -> {
            if (queueId == null) {
                return Optional.empty();
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("""
                            SELECT name, wrap_up_seconds, dispositions::text, canned_responses::text FROM queue
                             WHERE tenant_id = ? AND queue_id = ?""")) {
                s.setString(1, tenantId);
                s.setString(2, queueId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new QueueSettings(tenantId, queueId, r.getString(1), r.getInt(2),
                            read(r.getString(3), DISPOSITIONS), read(r.getString(4), CANNED_RESPONSES)));
                }
            }
        });
    }

    // ------------------------------------------------------------------ wrap-up

    /** The contacts that ended while the agent held them, in the tenants they serve, and that they have not wrapped up. */
    public List<ContactSummary> wrapUpsDue(String agentId, Set<String> tenants) {
        return query(() -> {
            return summaries(SUMMARY + """
                     WHERE c.wrap_up_agent_id = ? AND c.tenant_id = ANY(?)
                       AND NOT EXISTS (SELECT 1 FROM wrap_up w WHERE w.contact_id = c.contact_id AND w.published)
                     ORDER BY c.ended_at DESC LIMIT 100""", agentId, tenants);
        });
    }

    /** The agent who held the contact when it ended, who owes its wrap-up. */
    public Optional<String> wrapUpAgent(String contactId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT wrap_up_agent_id FROM contact WHERE contact_id = ?")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** When the agent's wrap-up time ends, while routing has them in WRAP_UP. */
    public Optional<Instant> wrapUpEndsAt(String agentId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT wrap_up_ends_at FROM agent_presence WHERE agent_id = ? AND state = 'WRAP_UP'")) {
                s.setString(1, agentId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(instant(r, "wrap_up_ends_at")) : Optional.empty();
                }
            }
        });
    }

    /**
     * Claims the contact's wrap-up before its event is published: false when it is already wrapped up,
     * or another attempt holds a claim younger than {@code staleBefore}.
     */
    public boolean claimWrapUp(WrapUp wrapUp, Instant staleBefore) {
        return query(() -> {
            return update("""
                    INSERT INTO wrap_up (contact_id, tenant_id, agent_id, queue_id, disposition_code, disposition_label, notes,
                                         completed_at, published)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, false)
                    ON CONFLICT (contact_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, queue_id = EXCLUDED.queue_id,
                        disposition_code = EXCLUDED.disposition_code, disposition_label = EXCLUDED.disposition_label,
                        notes = EXCLUDED.notes, completed_at = EXCLUDED.completed_at
                    WHERE NOT wrap_up.published AND wrap_up.completed_at < ?""",
                    wrapUp.contactId(), wrapUp.tenantId(), wrapUp.agentId(), wrapUp.queueId(), wrapUp.dispositionCode(),
                    wrapUp.dispositionLabel(), wrapUp.notes(), ts(wrapUp.completedAt()), ts(staleBefore)) > 0;
        });
    }

    /** Gives up a claim whose event could not be published, so the agent can try again. */
    public void releaseWrapUp(String contactId, Instant claimedAt) {
        run(() -> {
            update("DELETE FROM wrap_up WHERE contact_id = ? AND NOT published AND completed_at = ?", contactId, ts(claimedAt));
        });
    }

    /**
     * The wrap-up is on Kafka (acknowledged, or read back from the agents topic): it becomes the
     * contact's record and its disposition. Idempotent; the first published record stays.
     */
    public void wrapUpCompleted(WrapUp wrapUp) {
        run(() -> {
            update("""
                    INSERT INTO wrap_up (contact_id, tenant_id, agent_id, queue_id, disposition_code, disposition_label, notes,
                                         completed_at, published)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)
                    ON CONFLICT (contact_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, queue_id = EXCLUDED.queue_id,
                        disposition_code = EXCLUDED.disposition_code, disposition_label = EXCLUDED.disposition_label,
                        notes = EXCLUDED.notes, completed_at = EXCLUDED.completed_at, published = true
                    WHERE NOT wrap_up.published""",
                    wrapUp.contactId(), wrapUp.tenantId(), wrapUp.agentId(), wrapUp.queueId(), wrapUp.dispositionCode(),
                    wrapUp.dispositionLabel(), wrapUp.notes(), ts(wrapUp.completedAt()));
            update("""
                    UPDATE contact SET disposition = w.disposition_code FROM wrap_up w
                     WHERE w.contact_id = contact.contact_id AND contact.contact_id = ? AND w.disposition_code IS NOT NULL""",
                    wrapUp.contactId());
        });
    }

    /** The contact's completed wrap-up. */
    public Optional<WrapUp> wrapUp(String contactId) {
        return query(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT * FROM wrap_up WHERE contact_id = ? AND published")) {
                s.setString(1, contactId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new WrapUp(r.getString("contact_id"), r.getString("tenant_id"), r.getString("agent_id"),
                            r.getString("queue_id"), r.getString("disposition_code"), r.getString("disposition_label"),
                            r.getString("notes"), instant(r, "completed_at"))) : Optional.empty();
                }
            }
        });
    }

    public void queueStats(String tenantId, String queueId, int waiting, Long oldest, int available, long offered, long answered,
            long abandoned, Double serviceLevel, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO queue_stats (tenant_id, queue_id, waiting, oldest_wait_seconds, agents_available, offered_today,
                                             answered_today, abandoned_today, service_level, reported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, queue_id) DO UPDATE SET waiting = EXCLUDED.waiting,
                        oldest_wait_seconds = EXCLUDED.oldest_wait_seconds, agents_available = EXCLUDED.agents_available,
                        offered_today = EXCLUDED.offered_today, answered_today = EXCLUDED.answered_today,
                        abandoned_today = EXCLUDED.abandoned_today, service_level = EXCLUDED.service_level,
                        reported_at = EXCLUDED.reported_at
                    WHERE queue_stats.reported_at <= EXCLUDED.reported_at""",
                    tenantId, queueId, waiting, oldest, available, (int) offered, (int) answered, (int) abandoned, serviceLevel, ts(at));
        });
    }

    public List<QueueView> queues(Set<String> tenants) {
        return query(() -> {
            List<QueueView> queues = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("""
                            SELECT q.tenant_id, q.queue_id, q.name, s.waiting, s.oldest_wait_seconds, s.agents_available,
                                   s.offered_today, s.answered_today, s.abandoned_today, s.service_level, s.reported_at
                              FROM queue q LEFT JOIN queue_stats s ON s.tenant_id = q.tenant_id AND s.queue_id = q.queue_id
                             WHERE q.tenant_id = ANY(?) ORDER BY q.tenant_id, q.queue_id""")) {
                s.setArray(1, c.createArrayOf("text", tenants.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        queues.add(new QueueView(r.getString("tenant_id"), r.getString("queue_id"), r.getString("name"),
                                (Integer) r.getObject("waiting"), (Long) r.getObject("oldest_wait_seconds"),
                                (Integer) r.getObject("agents_available"), (Integer) r.getObject("offered_today"),
                                (Integer) r.getObject("answered_today"), (Integer) r.getObject("abandoned_today"),
                                (Double) r.getObject("service_level"), instant(r, "reported_at")));
                    }
                }
            }
            return queues;
        });
    }

    // ------------------------------------------------------------------ tenants

    /** A tenant's configuration replaces what was known of it, unless an older one arrives late. */
    public void tenantConfigured(String tenantId, String name, String region, List<String> voiceNumbers, Instant at) {
        run(() -> {
            update("""
                    INSERT INTO tenant (tenant_id, name, default_region, voice_numbers, configured_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, default_region = EXCLUDED.default_region,
                        voice_numbers = EXCLUDED.voice_numbers, configured_at = EXCLUDED.configured_at
                    WHERE tenant.configured_at <= EXCLUDED.configured_at""", tenantId, name, region, voiceNumbers, ts(at));
        });
    }

    public Optional<DialPlan> dialPlan(String tenantId) {
        return query(() -> {
            return dialPlans(Set.of(tenantId)).stream().findFirst();
        });
    }

    /** The dial plans of the tenants whose configuration arrived, by tenant id. */
    public List<DialPlan> dialPlans(Set<String> tenants) {
        return query(() -> {
            List<DialPlan> plans = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("""
                            SELECT tenant_id, default_region, voice_numbers FROM tenant WHERE tenant_id = ANY(?) ORDER BY tenant_id""")) {
                bind(c, s, tenants);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        plans.add(new DialPlan(r.getString("tenant_id"), r.getString("default_region"),
                                Arrays.asList((String[]) r.getArray("voice_numbers").getArray())));
                    }
                }
            }
            return plans;
        });
    }

    // ------------------------------------------------------------------ plumbing

    /** JDBC work that answers something. */
    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    /** JDBC work that answers nothing. */
    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs JDBC work; a database failure reaches the domain as a {@link StoreException}. */
    private static <T> T query(Query<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("the desktop's database failed: " + e.getMessage(), e);
        }
    }

    private static void run(Work work) {
        query(() -> {
            work.run();
            return null;
        });
    }

    private List<ContactSummary> summaries(String sql, Object... args) throws SQLException {
        List<ContactSummary> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(summary(r));
                }
            }
        }
        return found;
    }

    private static ContactSummary summary(ResultSet r) throws SQLException {
        String customer = r.getString("customer_name") != null ? r.getString("customer_name") : r.getString("customer_value");
        return new ContactSummary(r.getString("contact_id"), r.getString("tenant_id"), r.getString("channel"), r.getString("direction"),
                r.getString("subject"), customer, r.getString("queue_id"), ContactStatus.valueOf(r.getString("status")), r.getString("agent_id"),
                r.getString("offered_agent_id"), r.getString("offer_id"), instant(r, "offer_expires_at"), instant(r, "created_at"), instant(r, "updated_at"),
                r.getString("last_text"), instant(r, "last_at"), r.getInt("unread"), r.getString("disposition"), r.getString("end_reason"),
                r.getString("platform"));
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            return s.executeUpdate();
        }
    }

    /** Binds collections as text arrays (in their order), anything else as itself. */
    private static void bind(Connection c, PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Collection<?> values) {
                Array array = c.createArrayOf("text", values.toArray());
                s.setArray(i + 1, array);
            } else {
                s.setObject(i + 1, arg);
            }
        }
    }

    private static final TypeReference<List<Disposition>> DISPOSITIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<CannedResponse>> CANNED_RESPONSES = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + value, e);
        }
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        try {
            return json == null ? List.of() : JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read back: " + json, e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
