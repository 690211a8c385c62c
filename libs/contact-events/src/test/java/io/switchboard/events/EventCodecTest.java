package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.events.codec.EventJson;

class EventCodecTest {

    private static final URI SOURCE = URI.create("/channels/email");

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEncodedTypeIsReadWithoutDecodingTheEvent(EventType type) {
        assertThat(EventCodec.typeOf(EventCodec.encode(Samples.all().get(type), SOURCE))).contains(type.type());
    }

    @Test
    void theTypeIsFoundAfterTheDataAndNothingElseIsAType() {
        assertThat(EventCodec.typeOf(bytes("{\"data\":{\"type\":\"inner\",\"list\":[1,{\"a\":2}]},\"type\":\"outer\"}"))).contains("outer");
        assertThat(EventCodec.typeOf(bytes("{\"id\":\"1\"}"))).isEmpty();
        assertThat(EventCodec.typeOf(bytes("{\"type\":7}"))).isEmpty();
        assertThat(EventCodec.typeOf(bytes("[\"type\",\"x\"]"))).isEmpty();
        assertThat(EventCodec.typeOf(bytes("{\"type\":"))).isEmpty();
        assertThat(EventCodec.typeOf(bytes("not json"))).isEmpty();
        assertThat(EventCodec.typeOf(new byte[0])).isEmpty();
        assertThat(EventCodec.typeOf(null)).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeSurvivesARoundTrip(EventType type) {
        SwitchboardEvent event = Samples.all().get(type);
        DecodeResult result = EventCodec.decode(EventCodec.encode(event, SOURCE, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        assertThat(decoded.event()).isEqualTo(event);
        CloudEvent envelope = decoded.envelope();
        assertThat(envelope.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(envelope.getId()).isEqualTo(event.eventId().toString());
        assertThat(envelope.getType()).isEqualTo(type.type());
        assertThat(envelope.getSource()).isEqualTo(SOURCE);
        assertThat(envelope.getSubject()).isEqualTo(event.subject());
        assertThat(envelope.getTime().toInstant()).isEqualTo(event.occurredAt());
        assertThat(envelope.getExtension("tenantid")).isEqualTo(event.tenantId());
        assertThat(envelope.getExtension("traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void theEnvelopeIsStructuredJsonWithInlineData() throws Exception {
        SwitchboardEvent event = Samples.all().get(EventType.CONTACT_CREATED);
        JsonNode json = EventJson.mapper().readTree(EventCodec.encode(event, SOURCE));
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("tenantid").asText()).isEqualTo(Samples.TENANT);
        assertThat(json.get("subject").asText()).isEqualTo("c-1");
        assertThat(json.get("data").get("subject").asText()).as("the human subject line keeps its documented name")
                .isEqualTo("I was charged twice");
        assertThat(json.get("data").get("from").get("value").asText()).isEqualTo("jane.doe@example.com");
        assertThat(json.has("traceparent")).as("no trace, no extension").isFalse();
    }

    @Test
    void anUnknownTypeIsReportedNotThrown() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_ENDED), SOURCE));
        json.put("type", "io.switchboard.contact.teleported.v9");
        DecodeResult result = EventCodec.decode(EventJson.mapper().writeValueAsBytes(json));
        assertThat(result).isEqualTo(new DecodeResult.UnknownType("io.switchboard.contact.teleported.v9", Samples.id(4).toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{}", "[1,2]", "{\"specversion\":\"1.0\",\"id\":\"x\"}",
            "{\"specversion\":\"0.1\",\"id\":\"x\",\"source\":\"/a\",\"type\":\"io.switchboard.contact.ended.v1\"}"})
    void garbageIsMalformed(String bytes) {
        assertThat(EventCodec.decode(bytes.getBytes(StandardCharsets.UTF_8))).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void nullBytesAreMalformed() {
        assertThat(EventCodec.decode(null)).isInstanceOf(DecodeResult.Malformed.class);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aTreeAlreadyReadDecodesToTheSameEventAndLeavesTheTreeAsItWas(EventType type) throws Exception {
        SwitchboardEvent event = Samples.all().get(type);
        JsonNode tree = EventJson.mapper().readTree(EventCodec.encode(event, SOURCE));
        JsonNode copy = tree.deepCopy();
        assertThat(((DecodeResult.Decoded) EventCodec.decodeTree(tree)).event()).isEqualTo(event);
        assertThat(tree).isEqualTo(copy);
    }

    @Test
    void aTreeThatIsNoEventIsMalformedAsItsBytesAre() throws Exception {
        assertThat(EventCodec.decodeTree(null)).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(((DecodeResult.Malformed) EventCodec.decodeTree(EventJson.mapper().readTree("[1]"))).problem())
                .isEqualTo(DecodeResult.Malformed.Problem.ENVELOPE);
        assertThat(((DecodeResult.Malformed) EventCodec.decodeTree(EventJson.mapper().readTree("{\"id\":\"1\"}"))).problem())
                .isEqualTo(DecodeResult.Malformed.Problem.ENVELOPE);
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_CREATED), SOURCE));
        ((ObjectNode) json.get("data")).put("priority", "high");
        var fromTree = (DecodeResult.Malformed) EventCodec.decodeTree(json);
        var fromBytes = (DecodeResult.Malformed) EventCodec.decode(EventJson.mapper().writeValueAsBytes(json));
        assertThat(fromTree.problem()).isEqualTo(DecodeResult.Malformed.Problem.SCHEMA);
        assertThat(fromTree.field()).isEqualTo("priority").isEqualTo(fromBytes.field());
    }

    @Test
    void dataMissingARequiredFieldIsMalformedWithTheReason() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_ASSIGNED), SOURCE));
        ((ObjectNode) json.get("data")).remove("agentId");
        DecodeResult result = EventCodec.decode(EventJson.mapper().writeValueAsBytes(json));
        assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(((DecodeResult.Malformed) result).reason()).contains("agentId is required");
        assertThat(((DecodeResult.Malformed) result).problem()).isEqualTo(DecodeResult.Malformed.Problem.SCHEMA);
        assertThat(((DecodeResult.Malformed) result).field()).isEqualTo("agentId");
    }

    @Test
    void aSchemaViolationNamesTheFieldAndAnEnvelopeProblemIsToldApart() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_CREATED), SOURCE));
        ((ObjectNode) json.get("data")).remove("priority");
        var missing = (DecodeResult.Malformed) EventCodec.decode(EventJson.mapper().writeValueAsBytes(json));
        assertThat(missing.problem()).isEqualTo(DecodeResult.Malformed.Problem.SCHEMA);
        assertThat(missing.field()).isEqualTo("priority");
        ((ObjectNode) json.get("data")).put("priority", "high");
        assertThat(((DecodeResult.Malformed) EventCodec.decode(EventJson.mapper().writeValueAsBytes(json))).field()).isEqualTo("priority");
        ((ObjectNode) json.get("data")).put("priority", 42);
        assertThat(((DecodeResult.Malformed) EventCodec.decode(EventJson.mapper().writeValueAsBytes(json))).field()).isEqualTo("priority");
        ((ObjectNode) json.get("data")).put("priority", 1);
        ((ObjectNode) json.get("data").get("from")).put("kind", "CARRIER_PIGEON");
        assertThat(((DecodeResult.Malformed) EventCodec.decode(EventJson.mapper().writeValueAsBytes(json))).field()).isEqualTo("from.kind");

        var envelope = (DecodeResult.Malformed) EventCodec.decode("not json".getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.problem()).isEqualTo(DecodeResult.Malformed.Problem.ENVELOPE);
        assertThat(envelope.field()).isNull();
    }

    @Test
    void aTenantMismatchBetweenEnvelopeAndDataIsMalformed() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_QUEUED), SOURCE));
        json.put("tenantid", "globex");
        DecodeResult result = EventCodec.decode(EventJson.mapper().writeValueAsBytes(json));
        assertThat(((DecodeResult.Malformed) result).reason()).contains("does not match");
    }

    @Test
    void newerProducersMayAddFields() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.CONTACT_QUEUED), SOURCE));
        ((ObjectNode) json.get("data")).put("estimatedWaitSeconds", 40);
        assertThat(EventCodec.decode(EventJson.mapper().writeValueAsBytes(json))).isInstanceOf(DecodeResult.Decoded.class);
    }

    /** Snapshots in the compacted configuration topic outlive the version that wrote them. */
    @Test
    void aQueueSnapshotFromBeforeWrapUpAndHolidaysReadsWithTheirDefaults() throws Exception {
        ObjectNode json = (ObjectNode) EventJson.mapper().readTree(EventCodec.encode(Samples.all().get(EventType.QUEUE_CONFIGURED), SOURCE));
        ObjectNode data = (ObjectNode) json.get("data");
        data.remove(java.util.List.of("wrapUpSeconds", "dispositions", "cannedResponses"));
        ((ObjectNode) data.get("businessHours")).remove(java.util.List.of("holidays", "closedMessage"));
        DecodeResult result = EventCodec.decode(EventJson.mapper().writeValueAsBytes(json));
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        QueueConfigured queue = (QueueConfigured) ((DecodeResult.Decoded) result).event();
        assertThat(queue.wrapUpSeconds()).isZero();
        assertThat(queue.dispositions()).isEmpty();
        assertThat(queue.cannedResponses()).isEmpty();
        assertThat(queue.businessHours().holidays()).isEmpty();
        assertThat(queue.businessHours().closedMessage()).isNull();
    }

    @Test
    void recordsRefuseToBeHalfBuilt() {
        assertThatThrownBy(() -> new ContactCreated(Samples.id(1), "t", Instant.now(), "c", Channel.CHAT, Direction.INBOUND,
                "widget-1", Address.chatVisitor("v"), null, Map.of(), null, null, null, null, 12, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priority");
        assertThatThrownBy(() -> new ContactTransferred(Samples.id(2), "t", Instant.now(), "c", "q1", "q2", "agent", null, null))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new AgentConfigured(Samples.id(3), "t", Instant.now(), "a", "A", java.util.List.of("other"),
                Map.of(), Map.of(), false, true)).hasMessageContaining("serves the tenant");
    }
}
