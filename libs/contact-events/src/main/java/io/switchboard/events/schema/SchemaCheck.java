package io.switchboard.events.schema;

import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a structured-mode CloudEvent against the published schemas: the envelope's, then its type's
 * for {@code data}. Answers the first violation with the dotted path of the field at fault
 * ({@code priority}, {@code from.kind}, {@code attachments[0].id}), so a publisher learns exactly what to
 * fix. A type without a published schema is not this check's business (the codec tells a newer
 * producer's type from a new version of a known one). Thread-safe; schemas are compiled once.
 */
public final class SchemaCheck {

    /** What the check found. */
    public sealed interface Outcome {
    }

    /** The event fits its schemas. */
    public record Fits(String type) implements Outcome {
    }

    /** The envelope is fine but no schema is published for its type. */
    public record NoSchema(String type) implements Outcome {
    }

    /**
     * The event breaks a schema.
     *
     * @param inEnvelope true when the envelope (not {@code data}) is at fault
     * @param field      dotted path of the field at fault, within {@code data} (or the envelope), or null for the whole
     * @param text       what is wrong, for a person
     */
    public record Violation(boolean inEnvelope, String field, String text) implements Outcome {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonSchema envelope = FACTORY.getSchema(PublishedSchemas.schema(PublishedSchemas.ENVELOPE).orElseThrow());
    private final Map<String, Optional<JsonSchema>> byType = new HashMap<>();

    public Outcome check(byte[] bytes) {
        JsonNode event;
        try {
            event = JSON.readTree(bytes);
        } catch (IOException e) {
            return new Violation(true, null, "not JSON: " + firstLine(e.getMessage()));
        }
        return check(event);
    }

    /** As {@link #check(byte[])}, for an event its consumer has already read as a tree (which it then decodes). */
    public Outcome check(JsonNode event) {
        if (event == null || !event.isObject()) {
            return new Violation(true, null, "not a JSON object (a CloudEvent in structured mode is one)");
        }
        Optional<Violation> envelopeViolation = first(envelope.validate(event), true);
        if (envelopeViolation.isPresent()) {
            return envelopeViolation.get();
        }
        String type = event.get("type").asText();
        Optional<JsonSchema> schema = schemaOf(type);
        if (schema.isEmpty()) {
            return new NoSchema(type);
        }
        Optional<Violation> dataViolation = first(schema.get().validate(event.get("data")), false);
        return dataViolation.isPresent() ? dataViolation.get() : new Fits(type);
    }

    private synchronized Optional<JsonSchema> schemaOf(String type) {
        return byType.computeIfAbsent(type, t -> PublishedSchemas.schema(t).map(FACTORY::getSchema));
    }

    /** The violation nearest the root (then by path), so a missing object is named before its fields. */
    private static Optional<Violation> first(Set<ValidationMessage> messages, boolean inEnvelope) {
        return messages.stream()
                .map(message -> new Violation(inEnvelope, field(message), message.getMessage()))
                .min(Comparator.comparingInt((Violation v) -> v.field() == null ? 0 : v.field().split("[.\\[]").length)
                        .thenComparing(v -> v.field() == null ? "" : v.field()));
    }

    /** {@code $.from.kind} → {@code from.kind}; a missing required property is named itself. */
    static String field(ValidationMessage message) {
        String location = message.getInstanceLocation() == null ? "$" : message.getInstanceLocation().toString();
        String path = location.equals("$") ? "" : location.startsWith("$.") ? location.substring(2) : location.substring(1);
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            path = path.isEmpty() ? message.getProperty() : path + "." + message.getProperty();
        }
        return path.isEmpty() ? null : path;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline > 0 ? text.substring(0, newline) : text;
    }
}
