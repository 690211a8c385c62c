package io.switchboard.service.messaging;

import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The W3C {@code traceparent} of the current OpenTelemetry span, for the CloudEvent extension. */
public final class Traceparent {

    private Traceparent() {
    }

    public static Optional<String> current() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex());
    }
}
