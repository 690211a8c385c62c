package io.switchboard.service.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.switchboard.events.Topics;

/**
 * A refused record as it goes to {@code switchboard.deadletter.v1}: the original key, bytes and
 * headers, and headers saying where it came from, who refused it and why, named as Kafka Connect
 * names its dead-letter context ({@code __connect.errors.*}), so tools made for Connect's
 * dead-letter queues read ours; plus the reason code and field under {@code switchboard.refusal.*}.
 */
public final class DeadLetter {

    public static final String TOPIC = "__connect.errors.topic";
    public static final String PARTITION = "__connect.errors.partition";
    public static final String OFFSET = "__connect.errors.offset";
    public static final String CONSUMER = "__connect.errors.connector.name";
    public static final String STAGE = "__connect.errors.stage";
    public static final String EXCEPTION = "__connect.errors.exception.class.name";
    public static final String MESSAGE = "__connect.errors.exception.message";
    public static final String REASON = "switchboard.refusal.reason";
    public static final String FIELD = "switchboard.refusal.field";

    private DeadLetter() {
    }

    /**
     * The dead-letter headers as name/value pairs, for a consumer that writes its dead letters itself
     * (routing, through its outbox): {@code topic}, {@code partition}, {@code offset} say where the
     * refused record was first published.
     */
    public static java.util.List<String> headers(String topic, int partition, long offset, String consumer, RefusalReason reason,
            String text, String field) {
        java.util.List<String> pairs = new java.util.ArrayList<>(java.util.List.of(TOPIC, topic, PARTITION, Integer.toString(partition),
                OFFSET, Long.toString(offset), CONSUMER, consumer, STAGE, stage(reason), EXCEPTION, "io.switchboard.refusal." + reason.name(),
                MESSAGE, text, REASON, reason.name()));
        if (field != null) {
            pairs.add(FIELD);
            pairs.add(field);
        }
        return pairs;
    }

    private static String stage(RefusalReason reason) {
        return reason == RefusalReason.MALFORMED_ENVELOPE || reason == RefusalReason.SCHEMA_VIOLATION
                || reason == RefusalReason.UNKNOWN_TYPE_VERSION ? "VALUE_CONVERTER" : "TASK_PUT";
    }

    public static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> original, String consumer, RefusalReason reason,
            String text, String field) {
        Headers headers = new RecordHeaders();
        for (Header header : original.headers()) {
            headers.add(header);
        }
        put(headers, TOPIC, original.topic());
        put(headers, PARTITION, Integer.toString(original.partition()));
        put(headers, OFFSET, Long.toString(original.offset()));
        put(headers, CONSUMER, consumer);
        put(headers, STAGE, stage(reason));
        put(headers, EXCEPTION, "io.switchboard.refusal." + reason.name());
        put(headers, MESSAGE, text);
        put(headers, REASON, reason.name());
        if (field != null) {
            put(headers, FIELD, field);
        }
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, original.key(), original.value(), headers);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }
}
