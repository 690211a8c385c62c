package io.switchboard.social.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.address.SocialAccount;
import io.switchboard.events.address.SocialPlatform;

/**
 * Reads a Telegram Bot API update (already authenticated by its secret token): a private chat's
 * message with text, a photo (the largest size) or a document. Edits, group chats, callback queries
 * and other update kinds are skipped with a reason.
 */
public final class TelegramPayloads {

    private TelegramPayloads() {
    }

    public static WebhookBatch parse(String bot, byte[] body) throws BadPayloadException {
        JsonNode update = Json.read(body);
        if (!update.path("update_id").canConvertToLong()) {
            throw new BadPayloadException("a Telegram update needs an update_id");
        }
        JsonNode message = update.path("message");
        if (!message.isObject()) {
            List<String> kinds = new ArrayList<>();
            update.fieldNames().forEachRemaining(kinds::add);
            kinds.remove("update_id");
            return new WebhookBatch(List.of(), List.of(), List.of("a Telegram update of kind " + kinds + ", not a message"));
        }
        JsonNode chat = message.path("chat");
        JsonNode from = message.path("from");
        if (!"private".equals(Json.text(chat, "type"))) {
            return new WebhookBatch(List.of(), List.of(), List.of("a message from a " + Json.text(chat, "type") + " chat"));
        }
        String chatId = Json.text(chat, "id");
        String messageId = Json.text(message, "message_id");
        if (chatId == null || messageId == null || !message.path("date").canConvertToLong()) {
            throw new BadPayloadException("a Telegram message needs message_id, chat.id and date");
        }
        Instant sentAt;
        try {
            sentAt = Instant.ofEpochSecond(message.path("date").asLong());
        } catch (DateTimeException e) {
            throw new BadPayloadException("a Telegram message's date is out of range: " + message.path("date").asText());
        }
        List<String> names = new ArrayList<>();
        for (String field : List.of("first_name", "last_name")) {
            if (Json.text(from, field) != null) {
                names.add(Json.text(from, field));
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        String username = Json.text(from, "username");
        if (username != null) {
            metadata.put("username", username);
        }
        String replyTo = Json.text(message.path("reply_to_message"), "message_id");
        if (replyTo != null) {
            metadata.put("replyTo", chatId + ":" + replyTo);
        }
        String text = Json.text(message, "text");
        String kind = "text";
        List<InboundMessage.MediaItem> media = new ArrayList<>();
        if (message.path("photo").isArray() && !message.path("photo").isEmpty()) {
            JsonNode largest = message.path("photo").get(message.path("photo").size() - 1);
            media.add(new InboundMessage.MediaItem(Json.text(largest, "file_id"), "image/jpeg", null));
            text = Json.text(message, "caption");
            kind = "image";
        } else if (message.path("document").isObject()) {
            JsonNode document = message.path("document");
            media.add(new InboundMessage.MediaItem(Json.text(document, "file_id"), Json.text(document, "mime_type"),
                    Json.text(document, "file_name")));
            text = Json.text(message, "caption");
            kind = "document";
        } else if (text == null) {
            kind = "unsupported";
            text = "(a Telegram message this channel cannot show)";
        }
        String name = names.isEmpty() ? username : String.join(" ", names);
        InboundMessage inbound = new InboundMessage(new SocialAccount(SocialPlatform.TELEGRAM, bot), chatId, name,
                bot + ":" + chatId + ":" + messageId, sentAt, kind, text, media,
                metadata);
        return new WebhookBatch(List.of(inbound), List.of(), List.of());
    }
}
