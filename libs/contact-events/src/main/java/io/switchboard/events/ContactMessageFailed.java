package io.switchboard.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A reply the channel could not deliver to the customer; the answer to {@code contact.reply.requested}
 * when delivery fails, carrying the same {@code messageId}.
 *
 * @param reason    what refused it, in words an agent can act on (e.g. the relay's SMTP reply)
 * @param permanent true when sending again cannot help (an unknown mailbox); false for a temporary refusal
 */
public record ContactMessageFailed(UUID eventId, String tenantId, Instant occurredAt, String contactId,
        String messageId, Channel channel, String agentId, String reason, boolean permanent,
        Map<String, String> metadata) implements ContactEvent {

    public ContactMessageFailed {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(messageId, "messageId");
        Require.present(channel, "channel");
        Require.present(reason, "reason");
        metadata = Require.map(metadata);
    }
}
