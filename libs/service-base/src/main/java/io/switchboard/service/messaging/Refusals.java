package io.switchboard.service.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TopicAccess;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.events.codec.EventJson;
import io.switchboard.events.schema.SchemaCheck;

/**
 * Every event a consumer cannot take is answered: it goes to {@code switchboard.deadletter.v1} with
 * its original bytes and where it came from ({@link DeadLetter}), named by the consumer that refused
 * it, with a reason code and text, and is counted in {@code switchboard_refusals_total{consumer,
 * reason}}. The consumer then moves on, so nothing blocks the partition behind it. An event of a type
 * this version has never heard of (a newer producer's new type) is not a refusal: it is skipped with
 * a log line, as the contract's evolution rules allow; a new version of a type it knows is one.
 */
@ApplicationScoped
public class Refusals {

    private static final Logger LOG = Logger.getLogger(Refusals.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final MeterRegistry meters;
    private final Map<String, Object> producerSettings = new HashMap<>();
    private volatile KafkaProducer<String, byte[]> producer;
    private final SchemaCheck schemaCheck;

    public Refusals(MeterRegistry meters, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> broker,
            @ConfigProperty(name = "switchboard.events.schema-check", defaultValue = "true") boolean checkSchemas) {
        this.meters = meters;
        this.schemaCheck = checkSchemas ? new SchemaCheck() : null;
        producerSettings.putAll(KafkaConnection.settings(broker));
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerSettings.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-refusals");
    }

    /** The record's event, or empty after dead-lettering it (or skipping a type from a newer producer). */
    public Optional<SwitchboardEvent> decode(ConsumerRecord<String, byte[]> record, String consumer) {
        return decoded(record, consumer).map(DecodeResult.Decoded::event);
    }

    /**
     * As {@link #decode}, for a consumer that handles only the types in {@code reads}: a record whose envelope
     * names another type of the contract is passed over before any check or decode; the consumers that read
     * that type judge it. A type the contract does not know (a newer version of one this consumer reads, a
     * stranger's) and a record whose type cannot be read are judged as {@link #decode} judges them.
     */
    public Optional<SwitchboardEvent> decode(ConsumerRecord<String, byte[]> record, String consumer, Set<EventType> reads) {
        Optional<EventType> type = EventCodec.typeOf(record.value()).flatMap(EventType::ofType);
        if (type.isPresent() && !reads.contains(type.get())) {
            return Optional.empty();
        }
        return decode(record, consumer);
    }

    /** As {@link #decode}, with the CloudEvent envelope for a consumer that reads its attributes. */
    public Optional<DecodeResult.Decoded> decoded(ConsumerRecord<String, byte[]> record, String consumer) {
        Verdict verdict = judge(record);
        if (verdict instanceof Verdict.Refuse refuse) {
            refuse(record, consumer, refuse);
        } else if (verdict instanceof Verdict.Skip skip) {
            LOG.infof("skipping %s at %s/%d@%d", skip.why(), record.topic(), record.partition(), record.offset());
        }
        return verdict instanceof Verdict.Take take ? Optional.of(take.decoded()) : Optional.empty();
    }

    /**
     * What a consumer should do with a record, without acting: take its event, refuse it (then
     * {@link #refuse}), or skip a type from a newer producer. Never blocks, so a consumer on the event
     * loop judges there and refuses on a worker. A record from a topic open to outside producers
     * ({@link TopicAccess#OPEN_TO_INTEGRATORS}) is checked against the published JSON Schemas first.
     */
    public Verdict judge(ConsumerRecord<String, byte[]> record) {
        DecodeResult result;
        if (schemaCheck != null && TopicAccess.OPEN_TO_INTEGRATORS.contains(record.topic()) && record.value() != null
                && record.value().length > 0) {
            // Read once: the tree that is checked is the one decoded.
            JsonNode tree = treeOf(record.value());
            if ((tree == null ? schemaCheck.check(record.value()) : schemaCheck.check(tree)) instanceof SchemaCheck.Violation violation) {
                String where = violation.inEnvelope() ? "the CloudEvent envelope" : "data";
                String text = where + (violation.field() == null ? "" : " field " + violation.field()) + " breaks the published schema: "
                        + violation.text();
                return new Verdict.Refuse(violation.inEnvelope() ? RefusalReason.MALFORMED_ENVELOPE : RefusalReason.SCHEMA_VIOLATION,
                        text, violation.field());
            }
            result = EventCodec.decodeTree(tree);
        } else {
            result = EventCodec.decode(record.value());
        }
        if (result instanceof DecodeResult.Decoded decoded) {
            return new Verdict.Take(decoded);
        }
        if (result instanceof DecodeResult.UnknownType unknown) {
            return isNewVersionOfAKnownType(unknown.type())
                    ? new Verdict.Refuse(RefusalReason.UNKNOWN_TYPE_VERSION, "reads no " + unknown.type() + " (id " + unknown.id()
                            + "); publish it on its own versioned topic", null)
                    : new Verdict.Skip("event of unknown type " + unknown.type() + " (id " + unknown.id() + ")");
        }
        DecodeResult.Malformed malformed = (DecodeResult.Malformed) result;
        return new Verdict.Refuse(malformed.problem() == DecodeResult.Malformed.Problem.SCHEMA ? RefusalReason.SCHEMA_VIOLATION
                : RefusalReason.MALFORMED_ENVELOPE, malformed.reason(), malformed.field());
    }

    /** Null when the bytes are not JSON; the schema check then says why. */
    private static JsonNode treeOf(byte[] bytes) {
        try {
            return EventJson.mapper().readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@link #judge}'s answer. */
    public sealed interface Verdict {

        record Take(DecodeResult.Decoded decoded) implements Verdict {
        }

        record Refuse(RefusalReason reason, String text, String field) implements Verdict {
        }

        record Skip(String why) implements Verdict {
        }
    }

    /** Dead-letters a record as {@link #judge} said. */
    public void refuse(ConsumerRecord<String, byte[]> record, String consumer, Verdict.Refuse verdict) {
        // "reads no io.switchboard.contact.created.v2": the consumer is the subject of the sentence.
        String text = verdict.reason() == RefusalReason.UNKNOWN_TYPE_VERSION ? consumer + " " + verdict.text() : verdict.text();
        refuse(record, consumer, verdict.reason(), text, verdict.field());
    }

    /** Dead-letters a record the consumer cannot act on (an unknown tenant, say) and counts it. */
    public void refuse(ConsumerRecord<String, byte[]> record, String consumer, RefusalReason reason, String text, String field) {
        LOG.warnf("%s refused the record at %s/%d@%d (%s): %s", consumer, record.topic(), record.partition(), record.offset(), reason,
                text);
        meters.counter("switchboard.refusals", "consumer", consumer, "reason", reason.name()).increment();
        try {
            producer().send(DeadLetter.of(record, consumer, reason, text, field)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            meters.counter("switchboard.refusals.unsent", "consumer", consumer).increment();
            LOG.errorf(e, "%s could not dead-letter %s/%d@%d; it is logged above and counted as unsent", consumer, record.topic(),
                    record.partition(), record.offset());
        }
    }

    /** {@code io.switchboard.contact.created.v2} when this version knows {@code io.switchboard.contact.created.v1}. */
    public static boolean isNewVersionOfAKnownType(String type) {
        if (type == null) {
            return false;
        }
        int version = type.lastIndexOf(".v");
        if (version < 0) {
            return false;
        }
        String base = type.substring(0, version);
        for (EventType known : EventType.values()) {
            if (known.type().startsWith(base + ".v")) {
                return true;
            }
        }
        return false;
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
