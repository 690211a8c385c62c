package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The contact is over on its channel. Durations are in seconds and present where the channel
 * measures them (voice gives all four).
 */
public record ContactEnded(UUID eventId, String tenantId, Instant occurredAt, String contactId, Channel channel,
        Reason reason, String disposition, Long ringSeconds, Long queueSeconds, Long talkSeconds, Long holdSeconds)
        implements ContactEvent {

    public enum Reason {
        CUSTOMER_LEFT, AGENT_ENDED, TIMEOUT, TRANSFERRED_OUT, ERROR
    }

    public ContactEnded {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(channel, "channel");
        Require.present(reason, "reason");
    }
}
