package io.switchboard.campaigns.domain;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The platform's configuration as the campaign service needs it (port; kept from the configuration topic). */
public interface Directory {

    /** A tenant: its time zone (the campaign's day and the fallback calling zone), its phone region and its VOICE DIDs (E.164). */
    record Tenant(String tenantId, ZoneId zone, String region, Set<String> voiceEntryPoints) {
    }

    /** A queue: the skills its agents need and the dispositions they pick from. */
    record Queue(String tenantId, String queueId, Map<String, Integer> requiredSkills, Set<String> dispositions) {
    }

    /** An agent: the tenants they serve and their skills. */
    record Agent(String agentId, Set<String> tenants, Map<String, Integer> skills, boolean active) {

        /** Whether routing may give them the queue's contacts: they serve its tenant and have every skill it needs. */
        public boolean serves(Queue queue) {
            if (!active || !tenants.contains(queue.tenantId())) {
                return false;
            }
            for (Map.Entry<String, Integer> needed : queue.requiredSkills().entrySet()) {
                Integer level = skills.get(needed.getKey());
                if (level == null || level < needed.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }

    Optional<Tenant> tenant(String tenantId);

    Optional<Queue> queue(String tenantId, String queueId);

    boolean hasPrompt(String tenantId, String name);

    Optional<Agent> agent(String agentId);
}
