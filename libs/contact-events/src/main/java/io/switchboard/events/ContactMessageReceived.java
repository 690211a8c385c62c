package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.address.Address;

/** A message from the customer within a contact (the first one follows {@link ContactCreated}). */
public record ContactMessageReceived(UUID eventId, String tenantId, Instant occurredAt, String contactId,
        String messageId, Channel channel, Address from, String text, List<AttachmentRef> attachments,
        Map<String, String> metadata) implements ContactEvent {

    public ContactMessageReceived {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(messageId, "messageId");
        Require.present(channel, "channel");
        attachments = Require.list(attachments);
        metadata = Require.map(metadata);
    }
}
