package io.switchboard.social.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ContactMessageStatusChanged.Status;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.events.address.SocialAccount;
import io.switchboard.events.address.SocialPlatform;

/**
 * Reads a Meta webhook (already authenticated) into messages and status reports: WhatsApp Cloud API
 * ({@code object=whatsapp_business_account}: entry[].changes[].value with messages, contacts, statuses),
 * Messenger ({@code object=page}) and Instagram ({@code object=instagram}: entry[].messaging[]).
 * One payload may carry many entries for many numbers and pages; a part that cannot be read is
 * skipped with a reason and the rest still counts.
 */
public final class MetaPayloads {

    private MetaPayloads() {
    }

    public static WebhookBatch parse(byte[] body) throws BadPayloadException {
        JsonNode root = Json.read(body);
        String object = Json.text(root, "object");
        JsonNode entries = root.get("entry");
        if (object == null) {
            throw new BadPayloadException("the payload names no object");
        }
        SocialPlatform platform = switch (object) {
            case "whatsapp_business_account" -> SocialPlatform.WHATSAPP;
            case "page" -> SocialPlatform.MESSENGER;
            case "instagram" -> SocialPlatform.INSTAGRAM;
            default -> throw new BadPayloadException("object type '" + object
                    + "' is not one this service subscribes to (whatsapp_business_account, page, instagram)");
        };
        if (entries == null || !entries.isArray()) {
            throw new BadPayloadException("the payload has no entry array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<StatusReport> statuses = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (platform == SocialPlatform.WHATSAPP) {
                for (JsonNode change : entry.path("changes")) {
                    if (!"messages".equals(Json.text(change, "field"))) {
                        skipped.add("change field '" + Json.text(change, "field") + "' is not handled");
                        continue;
                    }
                    whatsapp(change.path("value"), messages, statuses, skipped);
                }
            } else {
                String pageId = Json.text(entry, "id");
                for (JsonNode event : entry.path("messaging")) {
                    messaging(platform, pageId, event, messages, statuses, skipped);
                }
            }
        }
        return new WebhookBatch(messages, statuses, skipped);
    }

    private static void whatsapp(JsonNode value, List<InboundMessage> messages, List<StatusReport> statuses,
            List<String> skipped) {
        String phoneNumberId = Json.text(value.path("metadata"), "phone_number_id");
        SocialAccount account = account(SocialPlatform.WHATSAPP, phoneNumberId, skipped);
        if (account == null) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            String name = Json.text(contact.path("profile"), "name");
            if (Json.text(contact, "wa_id") != null && name != null) {
                names.put(Json.text(contact, "wa_id"), name);
            }
        }
        for (JsonNode m : value.path("messages")) {
            String id = Json.text(m, "id");
            String from = Json.text(m, "from");
            Instant sentAt = epochSeconds(Json.text(m, "timestamp"));
            if (id == null || from == null || sentAt == null) {
                skipped.add("a WhatsApp message without id, from or timestamp");
                continue;
            }
            String type = Json.text(m, "type") == null ? "unknown" : Json.text(m, "type");
            Map<String, String> metadata = new LinkedHashMap<>();
            String replyTo = Json.text(m.path("context"), "id");
            if (replyTo != null) {
                metadata.put("replyTo", replyTo);
            }
            String text;
            List<InboundMessage.MediaItem> media = new ArrayList<>();
            JsonNode body = m.path(type);
            switch (type) {
                case "text" -> text = Json.text(body, "body");
                case "image", "document", "audio", "video", "sticker" -> {
                    text = Json.text(body, "caption");
                    if (Json.text(body, "id") != null) {
                        media.add(new InboundMessage.MediaItem(Json.text(body, "id"), Json.text(body, "mime_type"),
                                Json.text(body, "filename")));
                    }
                }
                case "location" -> {
                    text = location(body, metadata);
                }
                case "contacts" -> {
                    List<String> cards = new ArrayList<>();
                    for (JsonNode card : m.path("contacts")) {
                        List<String> phones = new ArrayList<>();
                        card.path("phones").forEach(p -> phones.add(Json.text(p, "phone")));
                        cards.add(Json.text(card.path("name"), "formatted_name") + (phones.isEmpty() ? "" : " " + String.join(", ", phones)));
                    }
                    text = "Contact card: " + String.join("; ", cards);
                }
                case "reaction" -> {
                    String emoji = Json.text(body, "emoji");
                    metadata.put("reactionTo", String.valueOf(Json.text(body, "message_id")));
                    metadata.put("reaction", emoji == null ? "" : emoji);
                    text = emoji == null || emoji.isEmpty() ? "(removed a reaction)" : "Reacted " + emoji;
                }
                case "button" -> text = Json.text(body, "text");
                case "interactive" -> {
                    JsonNode reply = body.has("button_reply") ? body.path("button_reply") : body.path("list_reply");
                    text = Json.text(reply, "title");
                }
                default -> text = "(a " + type + " message this channel cannot show)";
            }
            messages.add(new InboundMessage(account, from, names.get(from), id, sentAt, type, text, media, metadata));
        }
        for (JsonNode s : value.path("statuses")) {
            Status status = switch (String.valueOf(Json.text(s, "status"))) {
                case "sent" -> Status.SENT;
                case "delivered" -> Status.DELIVERED;
                case "read" -> Status.READ;
                case "failed" -> Status.FAILED;
                default -> null;
            };
            if (status == null || Json.text(s, "id") == null) {
                skipped.add("a WhatsApp status '" + Json.text(s, "status") + "' that is not handled");
                continue;
            }
            String providerStatus = Json.text(s, "status");
            String reason = null;
            JsonNode error = s.path("errors").path(0);
            if (!error.isMissingNode()) {
                providerStatus += "/" + Json.text(error, "code");
                String details = Json.text(error.path("error_data"), "details");
                reason = Json.text(error, "title") + (details == null ? "" : ": " + details);
            }
            Instant at = epochSeconds(Json.text(s, "timestamp"));
            statuses.add(new StatusReport(account, Json.text(s, "id"), Json.text(s, "recipient_id"), status,
                    at == null ? Instant.now() : at, providerStatus, reason, false));
        }
    }

    private static void messaging(SocialPlatform platform, String pageId, JsonNode event, List<InboundMessage> messages,
            List<StatusReport> statuses, List<String> skipped) {
        SocialAccount account = account(platform, pageId, skipped);
        if (account == null) {
            return;
        }
        String sender = Json.text(event.path("sender"), "id");
        Instant at = epochMillis(event.path("timestamp"));
        JsonNode message = event.path("message");
        if (message.isObject()) {
            if (message.path("is_echo").asBoolean(false)) {
                return; // our own reply, echoed back
            }
            String mid = Json.text(message, "mid");
            if (mid == null || sender == null || at == null) {
                skipped.add("a " + platform + " message without mid, sender or timestamp");
                return;
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            String replyTo = Json.text(message.path("reply_to"), "mid");
            if (replyTo != null) {
                metadata.put("replyTo", replyTo);
            }
            String text = Json.text(message, "text");
            String kind = "text";
            List<InboundMessage.MediaItem> media = new ArrayList<>();
            for (JsonNode attachment : message.path("attachments")) {
                String type = String.valueOf(Json.text(attachment, "type"));
                kind = type;
                JsonNode payload = attachment.path("payload");
                if ("location".equals(type)) {
                    text = location(payload.path("coordinates").isObject() ? payload.path("coordinates") : payload, metadata);
                } else if (Json.text(payload, "url") != null) {
                    media.add(new InboundMessage.MediaItem(Json.text(payload, "url"), null, null));
                }
            }
            messages.add(new InboundMessage(account, sender, null, mid, at, kind, text, media, metadata));
        } else if (event.path("reaction").isObject()) {
            JsonNode reaction = event.path("reaction");
            String mid = Json.text(reaction, "mid");
            if (sender == null || at == null || mid == null) {
                skipped.add("a " + platform + " reaction without sender, mid or timestamp");
                return;
            }
            String emoji = Json.text(reaction, "emoji");
            boolean removed = "unreact".equals(Json.text(reaction, "action"));
            Map<String, String> metadata = Map.of("reactionTo", mid, "reaction", removed || emoji == null ? "" : emoji);
            messages.add(new InboundMessage(account, sender, null, "reaction:" + mid + ":" + sender + ":" + at.toEpochMilli(), at,
                    "reaction", removed ? "(removed a reaction)" : "Reacted " + emoji, List.of(), metadata));
        } else if (event.path("delivery").isObject()) {
            for (JsonNode mid : event.path("delivery").path("mids")) {
                statuses.add(new StatusReport(account, mid.asText(), sender, Status.DELIVERED, at == null ? Instant.now() : at,
                        "delivered", null, false));
            }
        } else if (event.path("read").isObject()) {
            Instant watermark = epochMillis(event.path("read").path("watermark"));
            statuses.add(new StatusReport(account, null, sender, Status.READ, watermark == null ? Instant.now() : watermark,
                    "read", null, true));
        } else {
            skipped.add("a " + platform + " messaging event of a kind this service does not handle");
        }
    }

    private static String location(JsonNode body, Map<String, String> metadata) {
        String lat = Json.text(body, "latitude") != null ? Json.text(body, "latitude") : Json.text(body, "lat");
        String lon = Json.text(body, "longitude") != null ? Json.text(body, "longitude") : Json.text(body, "long");
        metadata.put("latitude", String.valueOf(lat));
        metadata.put("longitude", String.valueOf(lon));
        String name = Json.text(body, "name");
        String address = Json.text(body, "address");
        StringBuilder text = new StringBuilder("Location: ").append(lat).append(", ").append(lon);
        if (name != null) {
            text.append(" (").append(name).append(address == null ? "" : ", " + address).append(')');
        }
        return text.toString();
    }

    private static SocialAccount account(SocialPlatform platform, String id, List<String> skipped) {
        try {
            return new SocialAccount(platform, id);
        } catch (InvalidAddressException e) {
            skipped.add(e.getMessage());
            return null;
        }
    }

    private static Instant epochSeconds(String value) {
        try {
            return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException | DateTimeException e) {
            return null; // not a number, or beyond what an Instant holds: no usable time
        }
    }

    private static Instant epochMillis(JsonNode value) {
        return value.canConvertToLong() ? Instant.ofEpochMilli(value.asLong()) : null;
    }
}
