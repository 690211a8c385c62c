package io.switchboard.customer360.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;

/**
 * Carries a contact's trace through customer360. The consumer reads Kafka in batches with SmallRye's
 * tracing off, so no instrumentation does it: each input's W3C {@code traceparent} (the Kafka header,
 * else the CloudEvent extension) becomes the parent of a span around its processing, and the events
 * it causes are written to the outbox with that span's context, which the relay sends as the
 * CloudEvent extension and as a header. With tracing off (no SDK) the input's context passes through
 * unchanged.
 */
@ApplicationScoped
public class TraceContinuation {

    static final String HEADER = "traceparent";
    private static final byte[] EXTENSION_KEY = ("\"" + EventCodec.TRACEPARENT_EXTENSION + "\"")
            .getBytes(StandardCharsets.US_ASCII);
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public TraceContinuation(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The processing of one input: its span (a no-op with tracing off) and the traceparent its outputs carry. */
    public record Handling(Span span, String traceparent) {
    }

    /** Starts the span of one decoded input, under the input's trace when it carries one. */
    public Handling begin(ConsumerRecord<String, byte[]> input, SwitchboardEvent event) {
        Optional<SpanContext> parent = traceparent(input);
        Context context = parent.map(remote -> Context.root().with(Span.wrap(remote))).orElse(Context.root());
        Span span = tracer.spanBuilder("customer360 " + EventType.of(event).type()).setParent(context)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", input.topic())
                .setAttribute("messaging.message.id", event.eventId().toString())
                .setAttribute("switchboard.contact.id", event instanceof ContactEvent c ? c.contactId() : "")
                .setAttribute("switchboard.tenant.id", event.tenantId())
                .startSpan();
        SpanContext own = span.getSpanContext();
        String outputs = own.isValid() ? format(own) : parent.map(TraceContinuation::format).orElse(null);
        return new Handling(span, outputs);
    }

    /**
     * The trace context an input carries: its {@code traceparent} header when that is valid, else its
     * CloudEvent {@code traceparent} extension when that is valid, else none. A malformed value (bad
     * syntax, an all-zero id, version {@code ff}) counts as absent.
     */
    static Optional<SpanContext> traceparent(ConsumerRecord<String, byte[]> input) {
        Header header = input.headers().lastHeader(HEADER);
        if (header != null && header.value() != null) {
            Optional<SpanContext> fromHeader = parse(new String(header.value(), StandardCharsets.US_ASCII));
            if (fromHeader.isPresent()) {
                return fromHeader;
            }
        }
        // Outside producers may set only the extension: decode the envelope again only when it is there.
        if (input.value() != null && contains(input.value(), EXTENSION_KEY)
                && EventCodec.decode(input.value()) instanceof DecodeResult.Decoded decoded) {
            Object extension = decoded.envelope().getExtension(EventCodec.TRACEPARENT_EXTENSION);
            return extension == null ? Optional.empty() : parse(extension.toString());
        }
        return Optional.empty();
    }

    static Optional<SpanContext> parse(String traceparent) {
        SpanContext context = Span.fromContext(W3C.extract(Context.root(), traceparent.trim(), ONE_VALUE)).getSpanContext();
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    /** The W3C form of a valid span context, as the propagator writes it. */
    static String format(SpanContext context) {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier.get(HEADER);
    }

    private static boolean contains(byte[] data, byte[] key) {
        outer:
        for (int i = 0; i <= data.length - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (data[i + j] != key[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
