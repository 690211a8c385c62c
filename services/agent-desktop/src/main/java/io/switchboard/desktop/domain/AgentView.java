package io.switchboard.desktop.domain;

import java.time.Instant;
import java.util.List;

/** An agent as a supervisor sees them: presence, since when, and how many contacts they hold. */
public record AgentView(String agentId, String name, List<String> tenants, String state, String reason, Instant since,
        Instant wrapUpEndsAt, int activeContacts) {
}
