package io.switchboard.routing.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.service.messaging.Traceparent;

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

    static final String HEADER = IncomingEvents.TRACEPARENT_HEADER;

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
        Optional<SpanContext> parent = IncomingEvents.traceparent(input);
        Context context = parent.map(remote -> Context.root().with(Span.wrap(remote))).orElse(Context.root());
        Span span = tracer.spanBuilder("routing " + what).setParent(context).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", input.topic())
                .setAttribute("switchboard.contact.id", contactId == null ? "" : contactId)
                .startSpan();
        SpanContext own = span.getSpanContext();
        String outputs = own.isValid() ? Traceparent.format(own) : parent.map(Traceparent::format).orElse(null);
        return new Decision(span, outputs);
    }
}
