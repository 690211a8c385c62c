package io.switchboard.events.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.switchboard.events.EventType;

/**
 * The JSON Schemas published in {@code docs/events}, as this build of the contract carries them: one per
 * event type's {@code data}, the CloudEvent envelope's, and the AsyncAPI document. A service checks events
 * against them and serves them, so an integrator reads the exact version in force.
 */
public final class PublishedSchemas {

    private static final String ROOT = "/io/switchboard/events/published/";
    public static final String ENVELOPE = "cloudevent-envelope";

    private PublishedSchemas() {
    }

    /** Every event type with a published schema, in the contract's order. */
    public static List<String> types() {
        return Arrays.stream(EventType.values()).map(EventType::type).filter(type -> resource(schemaPath(type)) != null).toList();
    }

    /** The schema of a type's data ({@code io.switchboard.contact.created.v1}), or of the envelope ({@link #ENVELOPE}). */
    public static Optional<String> schema(String name) {
        if (name == null || !name.matches("[a-z0-9.-]+")) {
            return Optional.empty();
        }
        return read(name.equals(ENVELOPE) ? ROOT + ENVELOPE + ".json" : schemaPath(name));
    }

    public static String asyncApi() {
        return read(ROOT + "asyncapi.yaml").orElseThrow(() -> new IllegalStateException("asyncapi.yaml is not in the contract's jar"));
    }

    private static String schemaPath(String type) {
        return ROOT + "schemas/" + type + ".json";
    }

    private static Optional<String> read(String path) {
        try (InputStream in = resource(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        return PublishedSchemas.class.getResourceAsStream(path);
    }
}
