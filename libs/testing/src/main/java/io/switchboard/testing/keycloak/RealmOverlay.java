package io.switchboard.testing.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The local realm: deploy/keycloak's production realm with deploy/keycloak/local-overlay.json laid over
 * it, for the tests and the local platform only. The overlay has three parts: {@code realm} (realm
 * settings that replace the production ones), {@code clients} (fields replaced in the client with the
 * same {@code clientId}) and {@code users} (added). An overlay client that the realm lacks is an error,
 * so a renamed client cannot silently lose its local settings.
 *
 * <p>Plain Jackson and the JDK, so the local launcher's platform tool runs it too without this
 * module's test dependencies.
 */
public final class RealmOverlay {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RealmOverlay() {
    }

    public static ObjectNode apply(JsonNode production, JsonNode overlay) {
        ObjectNode realm = production.deepCopy();
        overlay.path("realm").fields().forEachRemaining(setting -> realm.set(setting.getKey(), setting.getValue()));
        for (JsonNode change : overlay.path("clients")) {
            ObjectNode client = client(realm, change.path("clientId").asText());
            change.fields().forEachRemaining(field -> client.set(field.getKey(), field.getValue()));
        }
        ArrayNode users = realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
        overlay.path("users").forEach(users::add);
        return realm;
    }

    /** Writes the overlaid realm to {@code target}, ready for Keycloak's {@code --import-realm}. */
    public static void write(Path production, Path overlay, Path target) {
        try {
            ObjectNode realm = apply(JSON.readTree(production.toFile()), JSON.readTree(overlay.toFile()));
            Files.createDirectories(target.toAbsolutePath().getParent());
            JSON.writeValue(target.toFile(), realm);
        } catch (IOException e) {
            throw new UncheckedIOException("could not lay " + overlay + " over " + production, e);
        }
    }

    private static ObjectNode client(ObjectNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return (ObjectNode) client;
            }
        }
        throw new IllegalArgumentException("the local overlay changes client " + clientId + ", which the realm does not have");
    }

    /** {@code java -cp ... RealmOverlay <production realm> <overlay> <target>}, as the local launcher calls it. */
    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RealmOverlay <production realm> <overlay> <target>");
        }
        write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }
}
