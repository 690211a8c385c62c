package io.switchboard.service.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.SpanContext;

import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;

/**
 * Decodes what a service consumes. A malformed CloudEvent or an unknown type is logged with its
 * topic, partition and offset and skipped, so one bad record never crashes a consumer or blocks
 * its partition. Services that read Kafka with their own clients (no instrumentation) also take the
 * record's trace context from here.
 */
public final class IncomingEvents {

    /** The Kafka header that carries the W3C trace context, as the instrumented producers write it. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);
    private static final byte[] EXTENSION_KEY = ("\"" + EventCodec.TRACEPARENT_EXTENSION + "\"")
            .getBytes(StandardCharsets.US_ASCII);

    private IncomingEvents() {
    }

    public static Optional<SwitchboardEvent> decode(ConsumerRecord<String, byte[]> record) {
        DecodeResult result = EventCodec.decode(record.value());
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        if (result instanceof DecodeResult.Decoded decoded) {
            return Optional.of(decoded.event());
        }
        if (result instanceof DecodeResult.UnknownType unknown) {
            LOG.infof("skipping event of unknown type %s (id %s) at %s", unknown.type(), unknown.id(), where);
        } else if (result instanceof DecodeResult.Malformed malformed) {
            LOG.warnf("skipping malformed record at %s: %s", where, malformed.reason());
        }
        return Optional.empty();
    }

    /**
     * The trace context a record carries: its {@code traceparent} header when that is valid, else its
     * CloudEvent {@code traceparent} extension when that is valid, else none. A malformed value (bad
     * syntax, an all-zero id, version {@code ff}) counts as absent.
     */
    public static Optional<SpanContext> traceparent(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(TRACEPARENT_HEADER);
        if (header != null && header.value() != null) {
            Optional<SpanContext> fromHeader = Traceparent.parse(new String(header.value(), StandardCharsets.US_ASCII));
            if (fromHeader.isPresent()) {
                return fromHeader;
            }
        }
        // Outside producers may set only the extension: decode the envelope again only when it is there.
        if (record.value() != null && contains(record.value(), EXTENSION_KEY)
                && EventCodec.decode(record.value()) instanceof DecodeResult.Decoded decoded) {
            Object extension = decoded.envelope().getExtension(EventCodec.TRACEPARENT_EXTENSION);
            return extension == null ? Optional.empty() : Traceparent.parse(extension.toString());
        }
        return Optional.empty();
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
