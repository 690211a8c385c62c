package io.switchboard.social.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.switchboard.events.address.SocialAccount;

/**
 * One customer message as a platform delivered it, before it has a tenant or a contact.
 *
 * @param account           the company's account it was written to (the entry point)
 * @param senderId          the platform's id of the customer (wa_id, PSID, IGSID, Telegram user id)
 * @param senderName        the customer's name as the platform gives it, or null
 * @param providerMessageId the platform's id of the message (the idempotency key)
 * @param sentAt            when the customer sent it, from the payload (the service window counts from here)
 * @param kind              text, image, document, audio, video, sticker, location, contacts, reaction, ...
 * @param text              the text, caption or a readable rendering of a location, contact card or reaction
 * @param media             files to fetch from the platform
 * @param metadata          what else the inbox may show (replyTo, reaction, location, username)
 */
public record InboundMessage(SocialAccount account, String senderId, String senderName, String providerMessageId,
        Instant sentAt, String kind, String text, List<MediaItem> media, Map<String, String> metadata) {

    public InboundMessage {
        media = media == null ? List.of() : List.copyOf(media);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A file the platform holds: a Graph media id or a Telegram file_id. */
    public record MediaItem(String id, String mimeType, String filename) {
    }
}
