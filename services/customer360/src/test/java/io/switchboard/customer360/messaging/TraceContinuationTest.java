package io.switchboard.customer360.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;

class TraceContinuationTest {

    private static final String HEADER_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String EXTENSION_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final ContactCreated CONTACT = new ContactCreated(UUID.randomUUID(), "acme", Instant.now(), "c-1",
            Channel.SMS, Direction.INBOUND, "entry", Address.phone("+447911123456", null), null, Map.of(), null, "hi",
            List.of(), null, 0, Map.of());

    @Test
    void theHeaderWinsOverTheExtension() {
        assertThat(trace(record(HEADER_TRACE, EXTENSION_TRACE))).contains(HEADER_TRACE);
    }

    @Test
    void theExtensionServesWhenThereIsNoHeader() {
        assertThat(trace(record(null, EXTENSION_TRACE))).contains(EXTENSION_TRACE);
        assertThat(trace(record(null, null))).isEmpty();
    }

    @Test
    void malformedValuesAreIgnored() {
        for (String malformed : List.of("", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero span id
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
                "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01")) {
            assertThat(trace(record(malformed, null))).as("header %s", malformed).isEmpty();
            assertThat(trace(record(malformed, EXTENSION_TRACE))).as("header %s, valid extension", malformed)
                    .contains(EXTENSION_TRACE);
            assertThat(trace(record(null, malformed))).as("extension %s", malformed).isEmpty();
        }
    }

    @Test
    void withTracingOffTheInputsContextPassesThroughUnchanged() {
        TraceContinuation traces = new TraceContinuation(OpenTelemetry.noop().getTracer("test"));
        assertThat(traces.begin(record(HEADER_TRACE, null), CONTACT).traceparent()).isEqualTo(HEADER_TRACE);
        assertThat(traces.begin(record(null, null), CONTACT).traceparent()).isNull();
    }

    @Test
    void withTracingOnTheProcessingIsASpanUnderTheInputAndTheOutputsCarryIt() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
            TraceContinuation traces = new TraceContinuation(provider.get("test"));
            TraceContinuation.Handling handling = traces.begin(record(HEADER_TRACE, EXTENSION_TRACE), CONTACT);
            ReadableSpan span = (ReadableSpan) handling.span();
            assertThat(span.getName()).isEqualTo("customer360 io.switchboard.contact.created.v1");
            assertThat(span.getParentSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(span.getParentSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
            SpanContext own = span.getSpanContext();
            assertThat(handling.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + own.getSpanId() + "-01");
            handling.span().end();

            // An input without a trace starts one.
            TraceContinuation.Handling fresh = traces.begin(record(null, null), CONTACT);
            assertThat(((ReadableSpan) fresh.span()).getParentSpanContext().isValid()).isFalse();
            assertThat(fresh.traceparent()).startsWith("00-" + fresh.span().getSpanContext().getTraceId() + "-");
            fresh.span().end();
        }
    }

    private static Optional<String> trace(ConsumerRecord<String, byte[]> record) {
        return TraceContinuation.traceparent(record).map(TraceContinuation::format);
    }

    private static ConsumerRecord<String, byte[]> record(String header, String extension) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.CONTACTS, 0, 0L, CONTACT.contactId(),
                EventCodec.encode(CONTACT, URI.create("/tests"), extension));
        if (header != null) {
            record.headers().add(new RecordHeader(TraceContinuation.HEADER, header.getBytes(StandardCharsets.US_ASCII)));
        }
        return record;
    }
}
