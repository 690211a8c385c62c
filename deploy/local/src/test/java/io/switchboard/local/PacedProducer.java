package io.switchboard.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes records with consecutive sequence ids at a fixed rate, with the producer settings of the
 * platform's channel services (acks=all from service-base, idempotence on, linger 1 ms, a contact id
 * as the key), and notes when each was sent, when it was acknowledged and on which partition. The
 * rate does not slow down when acknowledgements do: a stalled partition shows as latency, not as
 * fewer records.
 */
final class PacedProducer implements AutoCloseable {

    /** About the size of a contact.message.received event. */
    private static final String PADDING = "x".repeat(700);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final int ratePerSecond;
    private final int capacity;
    private final AtomicLongArray sentNanos;
    private final AtomicLongArray ackNanos;
    private final AtomicIntegerArray partitions;
    private final AtomicReferenceArray<String> errors;
    private final AtomicInteger completed = new AtomicInteger();
    private volatile int sent;

    PacedProducer(String bootstrapServers, String topic, int ratePerSecond, Duration duration) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "broker-loss-load",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.ratePerSecond = ratePerSecond;
        this.capacity = Math.toIntExact(ratePerSecond * duration.toSeconds() + ratePerSecond);
        this.sentNanos = new AtomicLongArray(capacity);
        this.ackNanos = new AtomicLongArray(capacity);
        this.partitions = new AtomicIntegerArray(capacity);
        this.errors = new AtomicReferenceArray<>(capacity);
    }

    /** Sends at the rate until {@code duration} has passed since {@code startNanos}; returns how many were sent. */
    int run(long startNanos, Duration duration) {
        long end = startNanos + duration.toNanos();
        int next = 0;
        for (long now = System.nanoTime(); now < end && next < capacity; now = System.nanoTime()) {
            long due = Math.min(capacity, (now - startNanos) * ratePerSecond / 1_000_000_000L);
            while (next < due) {
                send(next++);
                sent = next;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return next;
    }

    private void send(int sequence) {
        String contactId = UUID.randomUUID().toString();
        byte[] value = ("{\"seq\":" + sequence + ",\"contactId\":\"" + contactId + "\",\"text\":\"" + PADDING + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        partitions.set(sequence, -1);
        sentNanos.set(sequence, System.nanoTime());
        producer.send(new ProducerRecord<>(topic, contactId, value), (metadata, exception) -> {
            long now = System.nanoTime();
            if (exception == null) {
                partitions.set(sequence, metadata.partition());
                ackNanos.set(sequence, now);
            } else {
                errors.set(sequence, exception.toString());
            }
            completed.incrementAndGet();
        });
    }

    /** Waits until every send has been acknowledged or has failed; false when some are still open at the timeout. */
    boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed.get() < sent) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** What happened to every record sent so far. */
    SendLedger ledger() {
        int count = sent;
        long[] sentAt = new long[count];
        long[] ackedAt = new long[count];
        int[] partition = new int[count];
        String[] error = new String[count];
        for (int i = 0; i < count; i++) {
            sentAt[i] = sentNanos.get(i);
            ackedAt[i] = ackNanos.get(i);
            partition[i] = partitions.get(i);
            error[i] = errors.get(i);
        }
        return new SendLedger(sentAt, ackedAt, partition, error);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
