package io.switchboard.events;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.codec.EventJson;

/** Builds the AsyncAPI 3.0 document from the topic list and the event registry. */
final class AsyncApiDocument {

    static final Map<String, String> TOPIC_DESCRIPTIONS = new LinkedHashMap<>();

    static {
        TOPIC_DESCRIPTIONS.put(Topics.CONTACTS, "Contacts as the channels see them. Key: contact id, so one conversation stays in order. Producers: the channel services. Consumers: routing, customer360, agent-desktop.");
        TOPIC_DESCRIPTIONS.put(Topics.ROUTING, "Routing decisions. Key: contact id. Producer: routing. Consumers: agent-desktop, the channel services, customer360.");
        TOPIC_DESCRIPTIONS.put(Topics.AGENTS, "Agent presence. Key: agent id. Producers: agent-desktop, routing (auto-away). Consumer: routing.");
        TOPIC_DESCRIPTIONS.put(Topics.CONFIG, "Configuration snapshots, compacted: the latest record per key is current. Key: tenant:<tenant>, queue:<tenant>:<queue>, agent:<agent> or prompt:<tenant>:<name>. Producer: admin-console (deploy/local seeds a demo through it). Consumers: every service.");
        TOPIC_DESCRIPTIONS.put(Topics.PHONE_CREDENTIALS, "Agents' SIP phone credentials as digest HA1s, compacted. Key: phone:<agent>. Producer: admin-console. Consumer: voice-gateway only; the brokers' ACLs let no other service read it.");
        TOPIC_DESCRIPTIONS.put(Topics.CUSTOMERS, "Customer snapshots (compacted) and merges. Key: customer id. Producer: customer360. Consumers: routing, agent-desktop.");
        TOPIC_DESCRIPTIONS.put(Topics.DEAD_LETTER, "Records a service could not process, with the reason in the record headers. Key: as on the original topic.");
        for (Channel channel : Channel.values()) {
            TOPIC_DESCRIPTIONS.put(Topics.outbound(channel), "Replies and commands for the " + channel.slug()
                    + " channel service to deliver. Key: contact id. Producer: agent-desktop. Consumer: the " + channel.slug() + " channel.");
        }
    }

    private AsyncApiDocument() {
    }

    static ObjectNode build() {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("asyncapi", "3.0.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Switchboard events");
        info.put("version", "1.0.0");
        info.put("description", "The Kafka topics of the Switchboard contact-center platform. Every message is a CloudEvents 1.0 event in "
                + "structured JSON; the data of each type has its own JSON Schema. Schemas evolve additively; a new major version is a new topic. "
                + "Generated from libs/contact-events; do not edit by hand.");
        root.put("defaultContentType", "application/cloudevents+json");
        ObjectNode channels = root.putObject("channels");
        ObjectNode operations = root.putObject("operations");
        ObjectNode messages = root.putObject("components").putObject("messages");
        for (Topics.TopicSpec topic : Topics.all()) {
            String channelId = channelId(topic.name());
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic.name());
            channel.put("description", TOPIC_DESCRIPTIONS.get(topic.name()));
            ObjectNode bindings = channel.putObject("bindings").putObject("kafka");
            bindings.put("partitions", topic.partitions());
            bindings.putObject("topicConfiguration").putArray("cleanup.policy").add(topic.compacted() ? "compact" : "delete");
            ObjectNode channelMessages = channel.putObject("messages");
            ArrayNode operationMessages = EventJson.mapper().createArrayNode();
            for (EventType type : EventType.values()) {
                if (type.topics().contains(topic.name())) {
                    String messageId = messageId(type);
                    channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
                    operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + messageId);
                    messages.set(messageId, message(type));
                }
            }
            ObjectNode operation = operations.putObject("consume" + capitalize(channelId));
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + channelId);
            operation.set("messages", operationMessages);
        }
        return root;
    }

    private static ObjectNode message(EventType type) {
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("name", type.type());
        message.put("title", type.type());
        message.put("contentType", "application/cloudevents+json");
        ArrayNode allOf = message.putObject("payload").putArray("allOf");
        allOf.addObject().put("$ref", "./cloudevent-envelope.json");
        ObjectNode typed = allOf.addObject();
        typed.put("type", "object");
        ObjectNode properties = typed.putObject("properties");
        properties.putObject("type").put("const", type.type());
        properties.putObject("data").put("$ref", "./schemas/" + type.type() + ".json");
        return message;
    }

    static String messageId(EventType type) {
        String[] parts = type.name().toLowerCase().split("_");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            id.append(capitalize(parts[i]));
        }
        return id.toString();
    }

    private static String channelId(String topic) {
        String[] parts = topic.replace("switchboard.", "").replace(".v1", "").split("\\.");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            id.append(capitalize(parts[i]));
        }
        return id.toString();
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
