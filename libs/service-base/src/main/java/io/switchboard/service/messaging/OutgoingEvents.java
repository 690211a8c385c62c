package io.switchboard.service.messaging;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
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

    /**
     * Sends the messages in order and returns once the broker acknowledged every one, for a channel
     * that answers its sender only then. Subscribed in order on one idempotent producer, so messages
     * with the same key keep their order.
     *
     * @throws PublishFailedException when the broker did not acknowledge them all within {@code timeout}
     */
    public static void sendAll(MutinyEmitter<byte[]> emitter, List<Message<byte[]>> messages, Duration timeout) {
        List<Uni<Void>> sends = new ArrayList<>(messages.size());
        for (Message<byte[]> message : messages) {
            sends.add(emitter.sendMessage(message));
        }
        try {
            Uni.join().all(sends).andFailFast().await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new PublishFailedException("Kafka did not acknowledge the events: " + e.getMessage(), e);
        }
    }
}
