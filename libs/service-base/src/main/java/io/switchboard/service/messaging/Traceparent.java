package io.switchboard.service.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/** The W3C {@code traceparent} form of a span context: of the current span, parsed from text, written as text. */
public final class Traceparent {

    private static final String KEY = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(KEY);
        }

        @Override
        public String get(String carrier, String key) {
            return KEY.equals(key) ? carrier : null;
        }
    };

    private Traceparent() {
    }

    /** The current OpenTelemetry span's context, for the CloudEvent extension; none with tracing off. */
    public static Optional<String> current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? Optional.of(format(context)) : Optional.empty();
    }

    /** A remote parent from its W3C text; a malformed value (bad syntax, an all-zero id, version {@code ff}) is none. */
    public static Optional<SpanContext> parse(String traceparent) {
        SpanContext context = Span.fromContext(W3C.extract(Context.root(), traceparent.trim(), ONE_VALUE)).getSpanContext();
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    /** The W3C text of a valid span context, as the propagator writes it. */
    public static String format(SpanContext context) {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier.get(KEY);
    }
}
