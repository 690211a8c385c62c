package io.switchboard.customer360.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.service.messaging.Traceparent;

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

    static final String HEADER = IncomingEvents.TRACEPARENT_HEADER;

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

    /** The trace context an input carries, as {@link IncomingEvents#traceparent} reads it. */
    static Optional<SpanContext> traceparent(ConsumerRecord<String, byte[]> input) {
        return IncomingEvents.traceparent(input);
    }

    static String format(SpanContext context) {
        return Traceparent.format(context);
    }
}
