package io.switchboard.admin.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.events.AgentConfigured;

/**
 * Warns about a queue no active agent can ever serve: even with every relaxation step applied, no
 * agent of the tenant has its skills. Such a queue is allowed (the agents may be hired next week)
 * but its contacts would wait until they overflow.
 */
public final class QueueCoverage {

    private QueueCoverage() {
    }

    public static List<String> warnings(String tenantId, QueueSettings queue, Collection<AgentConfigured> agents) {
        Map<String, Integer> relaxed = new HashMap<>(queue.requiredSkills());
        for (QueueSettings.Relaxation step : queue.relaxation()) {
            if (step.minimumProficiency() == null) {
                relaxed.remove(step.skill());
            } else {
                relaxed.computeIfPresent(step.skill(), (skill, level) -> Math.min(level, step.minimumProficiency()));
            }
        }
        boolean served = agents.stream()
                .filter(a -> a.active() && a.tenants().contains(tenantId))
                .anyMatch(a -> relaxed.entrySet().stream().allMatch(r -> a.skills().getOrDefault(r.getKey(), 0) >= r.getValue()));
        if (served) {
            return List.of();
        }
        List<String> needs = new ArrayList<>();
        relaxed.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(r -> needs.add(r.getKey() + " ≥ " + r.getValue()));
        return List.of("no active agent of " + tenantId + " can serve this queue" + (needs.isEmpty() ? "" : " (it needs "
                + String.join(", ", needs) + ")") + ": its contacts will wait until one can, or overflow");
    }
}
