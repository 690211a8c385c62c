package io.switchboard.events.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.events.codec.EventJson;
import io.switchboard.events.schema.SchemaCheck;

/**
 * Whatever bytes a producer puts on a topic, the contract's decoder and the door's schema check answer
 * with a result (an event, an unknown type, a violation), never an exception, and agree on what is an
 * event. Seeds in src/test/resources/.../EventDecodingFuzzTestInputs; `JAZZER_FUZZ=1` fuzzes.
 */
class EventDecodingFuzzTest {

    private static final SchemaCheck CHECK = new SchemaCheck();

    @FuzzTest(maxExecutions = 10_000)
    void anyBytesGetAnAnswer(byte[] bytes) {
        DecodeResult decoded = EventCodec.decode(bytes);
        SchemaCheck.Outcome checked = CHECK.check(bytes);

        assertThat(decoded).isNotNull();
        assertThat(checked).isNotNull();
        if (decoded instanceof DecodeResult.Decoded event) {
            assertThat(event.event().eventId().toString()).isEqualTo(event.envelope().getId());
        }
        JsonNode tree = treeOf(bytes);
        if (tree != null && tree.isObject()) {
            // A consumer that checked the tree decodes the tree: it must come to the same answer as the bytes.
            DecodeResult fromTree = EventCodec.decodeTree(tree);
            assertThat(fromTree.getClass()).isEqualTo(decoded.getClass());
            if (decoded instanceof DecodeResult.Decoded event) {
                assertThat(((DecodeResult.Decoded) fromTree).event()).isEqualTo(event.event());
            }
        }
    }

    private static JsonNode treeOf(byte[] bytes) {
        try {
            return EventJson.mapper().readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
