package io.switchboard.desktop.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A supervisor's private note on a conversation, for the agent holding it ({@code toAgentId}, null
 * when nobody held it): shown in the agent's and supervisors' thread, never sent to the customer.
 */
public record SupervisorNote(UUID noteId, String contactId, String authorId, String authorName, String toAgentId, String text,
        Instant at) {
}
