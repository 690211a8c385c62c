package io.switchboard.admin.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.admin.domain.AuditEntry;
import io.switchboard.admin.domain.AuditRecord;
import io.switchboard.admin.domain.ConfigTransaction;
import io.switchboard.admin.domain.ConflictException;
import io.switchboard.admin.domain.EntryPointSettings;
import io.switchboard.admin.domain.IvrSettings;
import io.switchboard.admin.domain.PhoneCredentials;
import io.switchboard.admin.domain.PromptSettings;
import io.switchboard.admin.domain.QueueSettings;
import io.switchboard.admin.domain.SkillSettings;
import io.switchboard.admin.domain.TenantSettings;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.ConfigEvent;
import io.switchboard.events.PromptConfigured;

/** One transaction's reads and writes; settings are stored as JSON documents of the domain records. */
final class JdbcConfigTransaction implements ConfigTransaction {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;
    private final ObjectMapper json;

    JdbcConfigTransaction(Connection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
    }

    @Override
    public void lockTenant(String tenantId) {
        query("SELECT pg_advisory_xact_lock(hashtext(?))", r -> null, tenantId);
    }

    @Override
    public Optional<TenantSettings> tenant(String tenantId) {
        return Optional.ofNullable(query("SELECT settings FROM tenant WHERE tenant_id = ?",
                r -> r.next() ? read(r.getString(1), TenantSettings.class) : null, tenantId));
    }

    @Override
    public Map<String, SkillSettings> skills(String tenantId) {
        return query("SELECT skill_id, settings FROM skill WHERE tenant_id = ? ORDER BY skill_id", r -> {
            Map<String, SkillSettings> skills = new LinkedHashMap<>();
            while (r.next()) {
                skills.put(r.getString(1), read(r.getString(2), SkillSettings.class));
            }
            return skills;
        }, tenantId);
    }

    @Override
    public Map<String, QueueSettings> queues(String tenantId) {
        return query("SELECT queue_id, settings FROM queue WHERE tenant_id = ? AND NOT deleted ORDER BY queue_id", r -> {
            Map<String, QueueSettings> queues = new LinkedHashMap<>();
            while (r.next()) {
                queues.put(r.getString(1), read(r.getString(2), QueueSettings.class));
            }
            return queues;
        }, tenantId);
    }

    @Override
    public List<EntryPointSettings> entryPoints(String tenantId) {
        return query("SELECT channel, address, queue_id, ivr FROM entry_point WHERE tenant_id = ? ORDER BY channel, address", r -> {
            List<EntryPointSettings> points = new ArrayList<>();
            while (r.next()) {
                String ivr = r.getString(4);
                points.add(new EntryPointSettings(Channel.valueOf(r.getString(1)), r.getString(2), r.getString(3),
                        ivr == null ? null : read(ivr, IvrSettings.class)));
            }
            return points;
        }, tenantId);
    }

    @Override
    public Optional<String> entryPointOwner(Channel channel, String address) {
        return Optional.ofNullable(query("SELECT tenant_id FROM entry_point WHERE channel = ? AND address = ?",
                r -> r.next() ? r.getString(1) : null, channel.name(), address));
    }

    @Override
    public void putTenant(String tenantId, TenantSettings tenant) {
        update("""
                INSERT INTO tenant (tenant_id, settings) VALUES (?, ?::jsonb)
                ON CONFLICT (tenant_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()""",
                tenantId, write(tenant));
    }

    @Override
    public void putSkill(String tenantId, String skillId, SkillSettings skill) {
        update("""
                INSERT INTO skill (tenant_id, skill_id, settings) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (tenant_id, skill_id) DO UPDATE SET settings = EXCLUDED.settings""",
                tenantId, skillId, write(skill));
    }

    @Override
    public void deleteSkill(String tenantId, String skillId) {
        update("DELETE FROM skill WHERE tenant_id = ? AND skill_id = ?", tenantId, skillId);
    }

    @Override
    public void putQueue(String tenantId, String queueId, QueueSettings queue) {
        update("""
                INSERT INTO queue (tenant_id, queue_id, settings) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (tenant_id, queue_id) DO UPDATE SET settings = EXCLUDED.settings, deleted = false""",
                tenantId, queueId, write(queue));
    }

    /** Kept as deleted, so the id is known to have existed (and a new queue of that id starts afresh). */
    @Override
    public void deleteQueue(String tenantId, String queueId) {
        update("UPDATE queue SET deleted = true WHERE tenant_id = ? AND queue_id = ?", tenantId, queueId);
    }

    @Override
    public void putEntryPoint(String tenantId, EntryPointSettings entryPoint) {
        int written;
        try {
            written = update("""
                    INSERT INTO entry_point (channel, address, tenant_id, queue_id, ivr) VALUES (?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (channel, address) DO UPDATE SET queue_id = EXCLUDED.queue_id, ivr = EXCLUDED.ivr
                    WHERE entry_point.tenant_id = EXCLUDED.tenant_id""",
                    entryPoint.channel().name(), entryPoint.address(), tenantId, entryPoint.queueId(),
                    entryPoint.ivr() == null ? null : write(entryPoint.ivr()));
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw new ConflictException(entryPoint.channel() + " address " + entryPoint.address()
                        + " already belongs to another entry point");
            }
            throw e;
        }
        if (written == 0) {
            throw new ConflictException(entryPoint.channel() + " address " + entryPoint.address()
                    + " already belongs to another tenant's entry point");
        }
    }

    @Override
    public void deleteEntryPoint(String tenantId, Channel channel, String address) {
        update("DELETE FROM entry_point WHERE tenant_id = ? AND channel = ? AND address = ?", tenantId, channel.name(), address);
    }

    @Override
    public Map<String, PromptSettings> prompts(String tenantId) {
        return query("SELECT name, description, octet_length(audio), updated_at FROM prompt WHERE tenant_id = ? ORDER BY name", r -> {
            Map<String, PromptSettings> prompts = new LinkedHashMap<>();
            while (r.next()) {
                prompts.put(r.getString(1), new PromptSettings(r.getString(1), r.getString(2),
                        r.getInt(3) / (double) PromptConfigured.SAMPLES_PER_SECOND, r.getTimestamp(4).toInstant()));
            }
            return prompts;
        }, tenantId);
    }

    @Override
    public Optional<byte[]> promptAudio(String tenantId, String name) {
        return Optional.ofNullable(query("SELECT audio FROM prompt WHERE tenant_id = ? AND name = ?",
                r -> r.next() ? r.getBytes(1) : null, tenantId, name));
    }

    @Override
    public void putPrompt(String tenantId, String name, String description, byte[] ulaw) {
        update("""
                INSERT INTO prompt (tenant_id, name, description, audio) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, name) DO UPDATE SET description = EXCLUDED.description, audio = EXCLUDED.audio,
                    updated_at = now()""", tenantId, name, description, ulaw);
    }

    @Override
    public void deletePrompt(String tenantId, String name) {
        update("DELETE FROM prompt WHERE tenant_id = ? AND name = ?", tenantId, name);
    }

    @Override
    public Optional<PhoneCredentials> phoneCredentials(String agentId) {
        return Optional.ofNullable(query("SELECT agent_id, tenant_id, realm, ha1, updated_at FROM phone_credentials WHERE agent_id = ?",
                r -> r.next() ? phone(r) : null, agentId));
    }

    @Override
    public List<PhoneCredentials> phoneCredentialsOf(String tenantId) {
        return query("SELECT agent_id, tenant_id, realm, ha1, updated_at FROM phone_credentials WHERE tenant_id = ? ORDER BY agent_id",
                r -> {
                    List<PhoneCredentials> phones = new ArrayList<>();
                    while (r.next()) {
                        phones.add(phone(r));
                    }
                    return phones;
                }, tenantId);
    }

    private static PhoneCredentials phone(ResultSet r) throws SQLException {
        return new PhoneCredentials(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getTimestamp(5).toInstant());
    }

    @Override
    public void putPhoneCredentials(PhoneCredentials credentials) {
        update("""
                INSERT INTO phone_credentials (agent_id, tenant_id, realm, ha1, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, realm = EXCLUDED.realm, ha1 = EXCLUDED.ha1,
                    updated_at = EXCLUDED.updated_at""",
                credentials.agentId(), credentials.tenantId(), credentials.realm(), credentials.ha1(),
                java.sql.Timestamp.from(credentials.updatedAt()));
    }

    @Override
    public void deletePhoneCredentials(String agentId) {
        update("DELETE FROM phone_credentials WHERE agent_id = ?", agentId);
    }

    @Override
    public Map<String, AgentConfigured> publishedAgents() {
        return query("SELECT agent_id, snapshot FROM published_agent", r -> {
            Map<String, AgentConfigured> agents = new TreeMap<>();
            while (r.next()) {
                agents.put(r.getString(1), read(r.getString(2), AgentConfigured.class));
            }
            return agents;
        });
    }

    @Override
    public void recordPublishedAgent(AgentConfigured agent) {
        update("""
                INSERT INTO published_agent (agent_id, snapshot) VALUES (?, ?::jsonb)
                ON CONFLICT (agent_id) DO UPDATE SET snapshot = EXCLUDED.snapshot""",
                agent.agentId(), write(agent));
    }

    @Override
    public void audit(AuditEntry entry) {
        update("""
                INSERT INTO audit (tenant_id, actor, action, entity_type, entity_id, before, after)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""",
                entry.tenantId(), entry.actor(), entry.action(), entry.entityType(), entry.entityId(),
                entry.before() == null ? null : write(entry.before()), entry.after() == null ? null : write(entry.after()));
    }

    @Override
    public List<AuditRecord> auditLog(String tenantId, int limit, Long beforeId) {
        return query("""
                SELECT id, at, actor, action, entity_type, entity_id, before, after FROM audit
                 WHERE tenant_id = ? AND id < ? ORDER BY id DESC LIMIT ?""", r -> {
            List<AuditRecord> records = new ArrayList<>();
            while (r.next()) {
                records.add(new AuditRecord(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), tree(r.getString(7)), tree(r.getString(8))));
            }
            return records;
        }, tenantId, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    @Override
    public void publish(ConfigEvent event) {
        ConfigOutbox.Row row = ConfigOutbox.row(event);
        update("INSERT INTO outbox (topic, record_key, payload) VALUES (?, ?, ?)", row.topic(), row.key(), row.payload());
    }

    // ------------------------------------------------------------------ plumbing

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, Rows<T> rows, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet result = statement.executeQuery()) {
                return rows.read(result);
            }
        } catch (SQLException e) {
            throw new StoreException("the configuration database refused: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the configuration database refused: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit value is not readable", e);
        }
    }
}
