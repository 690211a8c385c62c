package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.switchboard.events.address.Address;

/**
 * A new contact: the first event of every conversation, published by the channel that received it.
 *
 * @param entryPoint    where it came in (an email address, a DID, a widget id, a page id); routing maps it to a queue
 * @param customerHints what the channel knows about the sender (e.g. {@code name}, {@code email.verified})
 * @param title         the human subject line (email subject, chat topic); {@code subject} in JSON
 * @param priority      0 (normal) to 9; higher is served first
 */
public record ContactCreated(UUID eventId, String tenantId, Instant occurredAt, String contactId, Channel channel,
        Direction direction, String entryPoint, Address from, Address to, Map<String, String> customerHints,
        @JsonProperty("subject") String title, String text, List<AttachmentRef> attachments, String language,
        int priority, Map<String, String> metadata) implements ContactEvent {

    /** The {@code metadata} key that names, on an OUTBOUND contact an agent started, that agent; routing assigns it to them. */
    public static final String PLACED_BY = "agentId";
    /**
     * The {@code metadata} key that names the queue the customer chose (a caller's IVR key); routing
     * takes it instead of the entry point's queue when it is one of the tenant's queues.
     */
    public static final String CHOSEN_QUEUE = "queueId";

    public ContactCreated {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(channel, "channel");
        Require.present(direction, "direction");
        Require.present(entryPoint, "entryPoint");
        Require.present(from, "from");
        Require.between(priority, 0, 9, "priority");
        customerHints = Require.map(customerHints);
        attachments = Require.list(attachments);
        metadata = Require.map(metadata);
    }
}
