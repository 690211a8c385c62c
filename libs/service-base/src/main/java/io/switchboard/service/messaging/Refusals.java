package io.switchboard.service.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;

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

    public Refusals(MeterRegistry meters, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> broker) {
        this.meters = meters;
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

    /** As {@link #decode}, with the CloudEvent envelope for a consumer that reads its attributes. */
    public Optional<DecodeResult.Decoded> decoded(ConsumerRecord<String, byte[]> record, String consumer) {
        DecodeResult result = EventCodec.decode(record.value());
        if (result instanceof DecodeResult.Decoded decoded) {
            return Optional.of(decoded);
        }
        if (result instanceof DecodeResult.UnknownType unknown) {
            if (isNewVersionOfAKnownType(unknown.type())) {
                refuse(record, consumer, RefusalReason.UNKNOWN_TYPE_VERSION, consumer + " reads no " + unknown.type()
                        + " (id " + unknown.id() + "); publish it on its own versioned topic", null);
            } else {
                LOG.infof("skipping event of unknown type %s (id %s) at %s/%d@%d", unknown.type(), unknown.id(), record.topic(),
                        record.partition(), record.offset());
            }
        } else if (result instanceof DecodeResult.Malformed malformed) {
            refuse(record, consumer, malformed.problem() == DecodeResult.Malformed.Problem.SCHEMA ? RefusalReason.SCHEMA_VIOLATION
                    : RefusalReason.MALFORMED_ENVELOPE, malformed.reason(), malformed.field());
        }
        return Optional.empty();
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
