package io.switchboard.testing.kafka;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;

/** A plain Kafka client for tests: publish raw records and wait for the ones a test expects. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    public RecordMetadata send(String topic, String key, byte[] value) {
        return send(topic, key, value, Map.of());
    }

    public RecordMetadata send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(new RecordHeader(name, headerValue.getBytes())));
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Publishes without waiting for the broker; {@link #flush()} waits for everything sent so far. */
    public void sendAsync(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void flush() {
        producer.flush();
    }

    /**
     * Reads {@code topic} from the beginning with a fresh group until {@code count} records match,
     * or fails after {@code timeout} listing how many matched.
     */
    public List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> matching,
            int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, EmbeddedKafkaBroker.uniqueId("test-reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matched.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        if (matched.size() < count) {
            throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                    + " but saw " + matched.size());
        }
        return matched;
    }

    /** Publishes an event as a service would: a structured CloudEvent on its type's topic, keyed by its subject. */
    public RecordMetadata publish(SwitchboardEvent event, URI source) {
        return send(EventType.topicOf(event), event.subject(), EventCodec.encode(event, source),
                Map.of("content-type", "application/cloudevents+json"));
    }

    /** The first event on {@code topic} (read from the beginning) that matches, or an AssertionError after {@code timeout}. */
    public SwitchboardEvent awaitEvent(String topic, Predicate<SwitchboardEvent> matching, Duration timeout) {
        return decode(await(topic, record -> {
            SwitchboardEvent event = decode(record);
            return event != null && matching.test(event);
        }, 1, timeout).get(0));
    }

    /** The event a record holds, or null for a record that is not one. */
    public static SwitchboardEvent decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value()) instanceof DecodeResult.Decoded decoded ? decoded.event() : null;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
