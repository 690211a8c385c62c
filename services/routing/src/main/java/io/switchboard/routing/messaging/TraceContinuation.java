package io.switchboard.routing.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;

/**
 * Carries a contact's trace through routing. Routing reads and writes Kafka with its own clients, so
 * no instrumentation does it: each input's W3C {@code traceparent} (the Kafka header, else the
 * CloudEvent extension) becomes the parent of a span around its decision, and the events decided go
 * out with that span's context, in the CloudEvent and as a header. With tracing off (no SDK) the
 * input's context passes through unchanged, so the trace id still joins the channel's ingress to the
 * agent's offer.
 */
@ApplicationScoped
public class TraceContinuation {

    static final String HEADER = "traceparent";
    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final byte[] EXTENSION_KEY = "\"traceparent\"".getBytes(StandardCharsets.US_ASCII);

    private final Tracer tracer;

    public TraceContinuation(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A decision about one input: its span (possibly a no-op) and the traceparent its outputs carry. */
    public record Decision(Span span, String traceparent) implements AutoCloseable {

        @Override
        public void close() {
            span.end();
        }
    }

    /** @param contactId the contact the input is about, as a span attribute; null for agents and configuration */
    public Decision begin(ConsumerRecord<String, byte[]> input, String what, String contactId) {
        Optional<String> parent = traceparent(input);
        Context context = parent.flatMap(TraceContinuation::remote).map(remote -> Context.root().with(Span.wrap(remote)))
                .orElse(Context.root());
        Span span = tracer.spanBuilder("routing " + what).setParent(context).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", input.topic())
                .setAttribute("switchboard.contact.id", contactId == null ? "" : contactId)
                .startSpan();
        SpanContext own = span.getSpanContext();
        String outputs = own.isValid()
                ? "00-" + own.getTraceId() + "-" + own.getSpanId() + "-" + own.getTraceFlags().asHex()
                : parent.orElse(null);
        return new Decision(span, outputs);
    }

    static Optional<String> traceparent(ConsumerRecord<String, byte[]> input) {
        Header header = input.headers().lastHeader(HEADER);
        if (header != null) {
            return valid(new String(header.value(), StandardCharsets.US_ASCII));
        }
        // Outside producers may set only the CloudEvent extension; decode again only when it is there.
        if (input.value() != null && indexOf(input.value(), EXTENSION_KEY) >= 0
                && EventCodec.decode(input.value()) instanceof DecodeResult.Decoded decoded) {
            CloudEvent envelope = decoded.envelope();
            Object extension = envelope.getExtension(EventCodec.TRACEPARENT_EXTENSION);
            return extension == null ? Optional.empty() : valid(extension.toString());
        }
        return Optional.empty();
    }

    private static Optional<String> valid(String traceparent) {
        return TRACEPARENT.matcher(traceparent.trim()).matches() ? Optional.of(traceparent.trim()) : Optional.empty();
    }

    private static Optional<SpanContext> remote(String traceparent) {
        var m = TRACEPARENT.matcher(traceparent);
        if (!m.matches()) {
            return Optional.empty();
        }
        SpanContext context = SpanContext.createFromRemoteParent(m.group(1), m.group(2), TraceFlags.fromHex(m.group(3), 0),
                TraceState.getDefault());
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    private static int indexOf(byte[] data, byte[] key) {
        outer:
        for (int i = 0; i <= data.length - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (data[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
