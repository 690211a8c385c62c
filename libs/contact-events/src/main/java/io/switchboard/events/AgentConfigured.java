package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent's profile as the console manages it. {@code tenantId} is the tenant that administers the
 * agent; {@code tenants} are all the tenants they serve (an outsourcer's agents serve several).
 *
 * @param skills   skill name to proficiency (1-5)
 * @param capacity how many contacts of each channel at once (e.g. voice 1, chat 3, email 5)
 * @param blending whether a live voice contact leaves room for digital work
 */
public record AgentConfigured(UUID eventId, String tenantId, Instant occurredAt, String agentId, String displayName,
        List<String> tenants, Map<String, Integer> skills, Map<Channel, Integer> capacity, boolean blending,
        boolean active) implements ConfigEvent {

    public AgentConfigured {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(agentId, "agentId");
        tenants = Require.list(tenants);
        if (!tenants.contains(tenantId)) {
            throw new IllegalArgumentException("an agent serves the tenant that administers them: " + tenantId);
        }
        skills = Require.map(skills);
        skills.forEach((skill, level) -> Require.between(level, 1, 5, "proficiency of " + skill));
        capacity = Require.map(capacity);
        capacity.forEach((channel, slots) -> Require.between(slots, 0, 100, "capacity for " + channel));
    }

    @Override
    public String subject() {
        return "agent:" + agentId;
    }
}
