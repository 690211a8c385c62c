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

    /**
     * Why it ended. {@code NO_ANSWER} and {@code BUSY}: an outbound call the customer did not pick up
     * (rang out, unavailable) or refused as busy; {@code ERROR}: the call could not be placed or kept
     * (the agent's phone not registered or not answering, the trunk refusing, a broker outage).
     */
    public enum Reason {
        CUSTOMER_LEFT, AGENT_ENDED, TIMEOUT, TRANSFERRED_OUT, ERROR, NO_ANSWER, BUSY
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
