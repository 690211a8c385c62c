package io.switchboard.admin.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.switchboard.events.AgentConfigured;

/**
 * Keycloak is the source of truth for agents: this works out which snapshots to publish so that
 * routing's view matches Keycloak, whoever changed it (the console, or an operator in Keycloak's own
 * admin console). A user who lost the agent role, was disabled or deleted is published inactive,
 * and routing stops offering them contacts.
 */
public final class AgentReconciler {

    private AgentReconciler() {
    }

    /**
     * @param agents    every Keycloak user with the realm role agent, as they are now
     * @param published the snapshots last published, by agent id
     */
    public static List<AgentConfigured> changes(Collection<AgentSettings> agents, Map<String, AgentConfigured> published,
            Instant at) {
        List<AgentConfigured> changes = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (AgentSettings agent : agents) {
            if (agent.tenants().isEmpty()) {
                continue;
            }
            present.add(agent.username());
            AgentConfigured now = ConfigSnapshots.agent(agent, at);
            AgentConfigured before = published.get(agent.username());
            if (before == null || !ConfigSnapshots.sameAgent(before, now)) {
                changes.add(now);
            }
        }
        for (AgentConfigured before : published.values()) {
            if (!present.contains(before.agentId()) && before.active()) {
                changes.add(ConfigSnapshots.retired(before, at));
            }
        }
        return changes;
    }

    /** The same for one agent, after the console changed them: {@code agent} is null when they are gone or no longer an agent. */
    public static List<AgentConfigured> changesFor(String username, AgentSettings agent, Map<String, AgentConfigured> published,
            Instant at) {
        AgentConfigured before = published.get(username);
        if (agent == null || agent.role() != AgentSettings.Role.AGENT || agent.tenants().isEmpty()) {
            return before != null && before.active() ? List.of(ConfigSnapshots.retired(before, at)) : List.of();
        }
        AgentConfigured now = ConfigSnapshots.agent(agent, at);
        return before != null && ConfigSnapshots.sameAgent(before, now) ? List.of() : List.of(now);
    }
}
