package io.switchboard.events.codec;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Events to and from CloudEvents 1.0 in structured JSON mode, through the CloudEvents SDK. The
 * envelope carries {@code id} = event id, {@code type}, {@code source}, {@code subject}, {@code time},
 * and the extensions {@code tenantid} and (when tracing) {@code traceparent}.
 */
public final class EventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String TENANT_EXTENSION = "tenantid";
    public static final String TRACEPARENT_EXTENSION = "traceparent";

    private static final EventFormat FORMAT = new JsonFormat();
    /** The SDK's CloudEvent reader, for an envelope already parsed into a tree. */
    private static final ObjectMapper ENVELOPE_READER = new ObjectMapper().registerModule(JsonFormat.getCloudEventJacksonModule());

    private EventCodec() {
    }

    /** The CloudEvent for an event; {@code traceparent} may be null. */
    public static CloudEvent toCloudEvent(SwitchboardEvent event, URI source, String traceparent) {
        EventType type = EventType.of(event);
        if (type == null) {
            throw new IllegalArgumentException("no CloudEvents type registered for " + event.getClass().getName());
        }
        byte[] data;
        try {
            data = EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + type.type(), e);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.eventId().toString())
                .withSource(source)
                .withType(type.type())
                .withSubject(event.subject())
                .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(TENANT_EXTENSION, event.tenantId())
                .withData(data);
        if (traceparent != null && !traceparent.isBlank()) {
            builder.withExtension(TRACEPARENT_EXTENSION, traceparent);
        }
        return builder.build();
    }

    /** The structured-mode JSON bytes ({@code application/cloudevents+json}). */
    public static byte[] encode(SwitchboardEvent event, URI source, String traceparent) {
        return FORMAT.serialize(toCloudEvent(event, source, traceparent));
    }

    public static byte[] encode(SwitchboardEvent event, URI source) {
        return encode(event, source, null);
    }

    /**
     * The envelope's {@code type}, read without decoding the event: a consumer that handles a few types
     * passes over the others before it checks or decodes anything. Empty when the bytes are not a JSON
     * object with a string {@code type}; a full {@link #decode} then says what is wrong.
     */
    public static Optional<String> typeOf(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Never throws: bad input comes back as {@link DecodeResult.Malformed} with the reason. */
    public static DecodeResult decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new DecodeResult.Malformed("empty record");
        }
        CloudEvent envelope;
        try {
            envelope = FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            return new DecodeResult.Malformed("not a CloudEvent in structured JSON: " + rootMessage(e));
        }
        return decode(envelope);
    }

    /**
     * As {@link #decode(byte[])}, for a record already read as a tree (a consumer that checked it against
     * the published schemas first), so its bytes are not parsed a second time.
     */
    public static DecodeResult decodeTree(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return new DecodeResult.Malformed("not a CloudEvent in structured JSON: not a JSON object");
        }
        CloudEvent envelope;
        try {
            envelope = ENVELOPE_READER.treeToValue(tree, CloudEvent.class);
        } catch (IOException | RuntimeException e) {
            return new DecodeResult.Malformed("not a CloudEvent in structured JSON: " + rootMessage(e));
        }
        return decode(envelope);
    }

    private static DecodeResult decode(CloudEvent envelope) {
        var type = EventType.ofType(envelope.getType());
        if (type.isEmpty()) {
            return new DecodeResult.UnknownType(envelope.getType(), envelope.getId());
        }
        CloudEventData data = envelope.getData();
        if (data == null) {
            return new DecodeResult.Malformed(envelope.getType() + " " + envelope.getId() + " has no data");
        }
        SwitchboardEvent event;
        try {
            // JSON data comes as the tree the envelope was read into: mapped from there, not written out and parsed again.
            event = data instanceof JsonCloudEventData json
                    ? EventJson.mapper().treeToValue(json.getNode(), type.get().recordClass())
                    : EventJson.mapper().readValue(data.toBytes(), type.get().recordClass());
        } catch (IOException | RuntimeException e) {
            return new DecodeResult.Malformed(envelope.getType() + " " + envelope.getId() + " has invalid data: " + rootMessage(e),
                    DecodeResult.Malformed.Problem.SCHEMA, field(e));
        }
        if (event == null) {
            return new DecodeResult.Malformed(envelope.getType() + " " + envelope.getId() + " has no data");
        }
        Object tenant = envelope.getExtension(TENANT_EXTENSION);
        if (tenant == null || !tenant.toString().equals(event.tenantId())) {
            return new DecodeResult.Malformed(envelope.getType() + " " + envelope.getId()
                    + ": tenantid extension '" + tenant + "' does not match data tenantId '" + event.tenantId() + "'");
        }
        if (!envelope.getId().equals(event.eventId().toString())) {
            return new DecodeResult.Malformed(envelope.getType() + " " + envelope.getId() + ": id does not match data eventId");
        }
        return new DecodeResult.Decoded(event, envelope);
    }

    /**
     * The data's field at fault: Jackson's path to it for a value of the wrong shape, or the field a
     * record's own check names ("priority is required", "score must be between 1 and 5").
     */
    static String field(Throwable e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (var reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            if (path.length() > 0) {
                return path.toString();
            }
        }
        java.util.regex.Matcher named = RECORD_CHECK.matcher(rootMessage(e));
        return named.lookingAt() ? named.group(1) : null;
    }

    /** How {@code Require} words a failed check: the field's name, then what is wrong with it. */
    private static final java.util.regex.Pattern RECORD_CHECK =
            java.util.regex.Pattern.compile("([a-zA-Z][a-zA-Z0-9]*) (?:is required|must be )");

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
