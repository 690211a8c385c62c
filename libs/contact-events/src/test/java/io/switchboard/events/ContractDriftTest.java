package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.switchboard.events.codec.EventCodec;
import io.switchboard.events.codec.EventJson;

/**
 * The published contract in docs/events must be exactly what the records produce. Regenerate it with
 * {@code ./mvnw -pl libs/contact-events test -Dswitchboard.schemas.update=true}.
 */
class ContractDriftTest {

    private static final Path DOCS = Path.of("../../docs/events").toAbsolutePath().normalize();
    private static final Path SCHEMAS = DOCS.resolve("schemas");
    private static final Path ASYNCAPI = DOCS.resolve("asyncapi.yaml");
    private static final boolean UPDATE = Boolean.getBoolean("switchboard.schemas.update");
    private static final String HOW_TO_FIX = "schemas drifted: run ./mvnw -pl libs/contact-events test -Dswitchboard.schemas.update=true";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private static Map<EventType, ObjectNode> generated;

    @BeforeAll
    static void generate() throws IOException {
        generated = EventSchemas.generate();
        if (UPDATE) {
            Files.createDirectories(SCHEMAS);
            try (Stream<Path> old = Files.list(SCHEMAS)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            for (var entry : generated.entrySet()) {
                Files.writeString(schemaFile(entry.getKey()), render(entry.getValue()));
            }
            Files.writeString(ASYNCAPI, YAML.writeValueAsString(AsyncApiDocument.build()));
        }
    }

    @Test
    void committedSchemasAreExactlyTheGeneratedOnes() throws IOException {
        Set<Path> expected = new HashSet<>();
        for (var entry : generated.entrySet()) {
            Path file = schemaFile(entry.getKey());
            expected.add(file);
            if (!Files.exists(file)) {
                fail(HOW_TO_FIX + " (missing " + file.getFileName() + ")");
            }
            assertThat(Files.readString(file)).as(HOW_TO_FIX + " (" + file.getFileName() + ")").isEqualTo(render(entry.getValue()));
        }
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertThat(files.toList()).as(HOW_TO_FIX + " (stale schema files)").containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void theAsyncApiDocumentIsTheGeneratedOne() throws IOException {
        assertThat(Files.exists(ASYNCAPI)).as(HOW_TO_FIX).isTrue();
        assertThat(YAML.readTree(ASYNCAPI.toFile())).as(HOW_TO_FIX + " (asyncapi.yaml)").isEqualTo(YAML.readTree(
                YAML.writeValueAsString(AsyncApiDocument.build())));
    }

    @Test
    void theAsyncApiDocumentListsEveryTopicAndReferencesEverySchema() throws IOException {
        JsonNode doc = YAML.readTree(ASYNCAPI.toFile());
        List<String> addresses = new ArrayList<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topics.TopicSpec::name).toList());

        Set<String> referenced = new HashSet<>();
        doc.get("components").get("messages").forEach(message -> {
            JsonNode data = message.get("payload").get("allOf").get(1).get("properties").get("data");
            String ref = data.get("$ref").asText();
            referenced.add(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(DOCS.resolve(ref).normalize()).as("the AsyncAPI document points at an existing schema").exists();
        });
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(referenced);
        }
        for (EventType type : EventType.values()) {
            List<String> channelsWithType = new ArrayList<>();
            for (var channel : iterable(doc.get("channels").fields())) {
                if (channel.getValue().get("messages").has(AsyncApiDocument.messageId(type))) {
                    channelsWithType.add(channel.getValue().get("address").asText());
                }
            }
            assertThat(channelsWithType).as(type + " is documented on its topics").containsExactlyInAnyOrderElementsOf(type.topics());
        }
    }

    @Test
    void everyEncodedSampleValidatesAgainstItsSchemaAndTheEnvelope() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema envelope = factory.getSchema(Files.readString(DOCS.resolve("cloudevent-envelope.json")));
        for (var entry : Samples.all().entrySet()) {
            JsonNode event = EventJson.mapper().readTree(EventCodec.encode(entry.getValue(), URI.create("/test"),
                    "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
            JsonSchema schema = factory.getSchema(Files.readString(schemaFile(entry.getKey())));
            assertThat(envelope.validate(event)).as(entry.getKey() + " envelope").isEmpty();
            assertThat(schema.validate(event.get("data"))).as(entry.getKey() + " data").isEmpty();
        }
    }

    @Test
    void brokenSamplesDoNotValidate() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema schema = factory.getSchema(Files.readString(schemaFile(EventType.CONTACT_CREATED)));
        JsonNode event = EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_CREATED), URI.create("/test")));

        ObjectNode missingContact = event.get("data").deepCopy();
        missingContact.remove("contactId");
        ObjectNode wrongChannel = event.get("data").deepCopy();
        wrongChannel.put("channel", "PIGEON");
        ObjectNode wrongPriority = event.get("data").deepCopy();
        wrongPriority.put("priority", "high");

        for (ObjectNode broken : List.of(missingContact, wrongChannel, wrongPriority)) {
            Set<ValidationMessage> errors = schema.validate(broken);
            assertThat(errors).as(broken.toString()).isNotEmpty();
        }
    }

    private static Path schemaFile(EventType type) {
        return SCHEMAS.resolve(type.type() + ".json");
    }

    private static String render(JsonNode schema) throws IOException {
        return JSON.writeValueAsString(JSON.readTree(schema.toString())) + "\n";
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
