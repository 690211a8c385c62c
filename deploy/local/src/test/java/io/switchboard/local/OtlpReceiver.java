package io.switchboard.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver in the test JVM: the services of the local platform export their spans
 * here (protobuf, as their exporter sends them), and the test reads which service made which span in
 * which trace.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span: the service that made it, its trace, its name and its attributes as text. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, List<String> attributes) {

        boolean hasAttribute(String key, String value) {
            return attributes.contains(key + "=" + value);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::receive);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return new ArrayList<>(spans);
    }

    /** Why exports could not be read, if any could not (shown when a trace is not found). */
    List<String> failures() {
        return new ArrayList<>(failures);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                        .map(a -> a.getValue().getStringValue()).findFirst().orElse("?");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (var span : scope.getSpansList()) {
                        spans.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                                hex(span.getParentSpanId().toByteArray()), span.getName(),
                                span.getAttributesList().stream().map(OtlpReceiver::text).toList()));
                    }
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException | LinkageError e) {
            if (failures.size() < 5) {
                failures.add(e.toString());
            }
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    private static String text(KeyValue attribute) {
        AnyValue value = attribute.getValue();
        String text = switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
        return attribute.getKey() + "=" + text;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
