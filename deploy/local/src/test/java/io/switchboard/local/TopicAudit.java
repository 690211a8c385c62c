package io.switchboard.local;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a topic afterwards, knowing nothing of who wrote it or what they were told: a fresh consumer
 * without a group, {@code read_committed}, every partition from its first offset to the end offset
 * it has when the audit starts. Counts the copies of each sequence id it finds.
 */
final class TopicAudit {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param copiesById how often each sequence id was found; {@code unreadable} records without one */
    record Result(Map<Integer, Integer> copiesById, long records, long unreadable, Map<Integer, Long> endOffsets) {

        int copies(int sequence) {
            return copiesById.getOrDefault(sequence, 0);
        }

        long duplicates() {
            return copiesById.values().stream().mapToLong(copies -> copies - 1).sum();
        }
    }

    private TopicAudit() {
    }

    static Result read(String bootstrapServers, String topic, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "broker-loss-audit",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);

            Map<Integer, Integer> copies = new HashMap<>();
            long records = 0;
            long unreadable = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the audit did not reach the end offsets " + ends + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    records++;
                    JsonNode sequence = sequenceOf(record.value());
                    if (sequence.isInt()) {
                        copies.merge(sequence.intValue(), 1, Integer::sum);
                    } else {
                        unreadable++;
                    }
                }
            }
            Map<Integer, Long> endOffsets = new HashMap<>();
            ends.forEach((partition, end) -> endOffsets.put(partition.partition(), end));
            return new Result(copies, records, unreadable, endOffsets);
        }
    }

    private static JsonNode sequenceOf(byte[] value) {
        try {
            return JSON.readTree(value).path("seq");
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        Set<TopicPartition> assigned = consumer.assignment();
        return assigned.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }
}
