package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A command to a channel service: deliver this reply to the customer of a contact. Published on the
 * channel's own outbound topic ({@link Topics#outbound(Channel)}); the channel answers with
 * {@code contact.message.sent} carrying the same {@code messageId} once it has delivered it.
 */
public record ReplyRequested(UUID eventId, String tenantId, Instant occurredAt, String contactId,
        String messageId, Channel channel, String agentId, @RequiredWhen("there are no attachments") String text, List<AttachmentRef> attachments,
        Map<String, String> metadata) implements ContactEvent {

    /** The {@code metadata} key of a reply to a caller: the tenant's prompt the voice gateway plays instead of the text. */
    public static final String PROMPT = "prompt";

    public ReplyRequested {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(messageId, "messageId");
        Require.present(channel, "channel");
        Require.present(agentId, "agentId");
        attachments = Require.list(attachments);
        metadata = Require.map(metadata);
        if ((text == null || text.isBlank()) && attachments.isEmpty()) {
            throw new IllegalArgumentException("a reply needs text or an attachment");
        }
    }
}
