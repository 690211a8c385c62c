package io.switchboard.customer360.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Channel;

/**
 * One line of a customer's history. Its id is the id of the event it came from, so a replayed
 * event finds its line already there.
 *
 * @param channel null when the event does not say (routing events) and the contact is not known yet
 * @param text    what the customer or agent wrote, or the contact's subject; null when there is none
 * @param details small facts about the line (agent, queue, disposition, attachment names)
 */
public record TimelineEntry(UUID id, String tenantId, String contactId, Channel channel, Kind kind,
        Instant occurredAt, String text, Map<String, String> details) {

    public enum Kind {
        CONTACT_STARTED, MESSAGE_RECEIVED, MESSAGE_SENT, ASSIGNED, TRANSFERRED, ABANDONED, ENDED, SURVEY_ANSWERED
    }

    public TimelineEntry {
        details = Map.copyOf(details);
    }
}
