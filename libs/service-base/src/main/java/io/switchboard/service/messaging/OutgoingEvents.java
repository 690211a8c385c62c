package io.switchboard.service.messaging;

import java.net.URI;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.events.SwitchboardEvent;

/**
 * Wraps an event as the Kafka message every service publishes: a structured CloudEvent, keyed by
 * the event's subject (the contact id for contact events) so one conversation stays in order, and
 * carrying the current trace as the CloudEvent {@code traceparent} extension. SmallRye adds the
 * trace headers itself.
 */
public final class OutgoingEvents {

    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private OutgoingEvents() {
    }

    public static Message<byte[]> message(SwitchboardEvent event, URI source) {
        return message(encode(event, source), event.subject(), null);
    }

    /** The CloudEvent bytes of an event, for a service that stores them before publishing. */
    public static byte[] encode(SwitchboardEvent event, URI source) {
        return EventCodec.encode(event, source, Traceparent.current().orElse(null));
    }

    /** A message for bytes {@link #encode} made earlier, to {@code topic} (or the channel's own topic when null). */
    public static Message<byte[]> message(byte[] payload, String key, String topic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withTopic(topic)
                .withHeaders(headers)
                .build();
        return Message.of(payload).addMetadata(metadata);
    }
}
