package io.switchboard.routing.engine.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.switchboard.events.Channel;

/**
 * An agent as configured: the tenants they serve, skills with proficiency 1-5, how many contacts
 * of each channel they handle at once, and whether a live voice contact leaves room for digital
 * work ({@code blending}).
 */
public record AgentProfile(String id, Set<String> tenants, Map<String, Integer> skills, Map<Channel, Integer> capacity,
        boolean blending) {

    public AgentProfile {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("agent id is required");
        }
        tenants = Set.copyOf(tenants == null ? Set.of() : tenants);
        skills = Map.copyOf(skills == null ? Map.of() : skills);
        capacity = capacity == null || capacity.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(capacity));
    }

    public int capacityFor(Channel channel) {
        return capacity.getOrDefault(channel, 0);
    }
}
