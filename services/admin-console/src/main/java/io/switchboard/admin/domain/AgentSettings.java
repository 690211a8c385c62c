package io.switchboard.admin.domain;

import java.util.List;
import java.util.Map;

import io.switchboard.events.Channel;

/**
 * An agent or supervisor as the console shows and edits them. They live in Keycloak: the username
 * is the agent id, the role is a realm role, and tenants, skills, capacity and blending are user
 * attributes declared in the realm's user profile.
 *
 * @param skills   skill to proficiency (1-5)
 * @param capacity contacts of each channel at once
 */
public record AgentSettings(String username, String firstName, String lastName, String email, Role role, boolean enabled,
        List<String> tenants, Map<String, Integer> skills, Map<Channel, Integer> capacity, boolean blending) {

    public enum Role {
        AGENT, SUPERVISOR;

        public String realmRole() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The capacity of an agent whose profile sets none: one call, or three chats, five emails, three SMS, three
     * social threads and five faxes (a fax is read and answered like an email).
     */
    public static final Map<Channel, Integer> DEFAULT_CAPACITY = Map.of(Channel.VOICE, 1, Channel.CHAT, 3, Channel.EMAIL, 5,
            Channel.SMS, 3, Channel.SOCIAL, 3, Channel.FAX, 5);

    public AgentSettings {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        skills = skills == null ? Map.of() : Map.copyOf(skills);
        capacity = capacity == null || capacity.isEmpty() ? DEFAULT_CAPACITY : Map.copyOf(capacity);
        role = role == null ? Role.AGENT : role;
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? username : name;
    }
}
