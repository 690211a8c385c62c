package io.switchboard.local;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * What the producer saw of each record, indexed by its sequence id: when it was sent and acknowledged
 * ({@link System#nanoTime()}; 0 when never acknowledged), the partition that acknowledged it, and the
 * error it failed with.
 */
record SendLedger(long[] sentNanos, long[] ackNanos, int[] partitions, String[] errors) {

    int sent() {
        return sentNanos.length;
    }

    boolean acknowledged(int sequence) {
        return ackNanos[sequence] != 0;
    }

    int acknowledgedCount() {
        return (int) IntStream.range(0, sent()).filter(this::acknowledged).count();
    }

    int failedCount() {
        return (int) Arrays.stream(errors).filter(error -> error != null).count();
    }

    String firstError() {
        return Arrays.stream(errors).filter(error -> error != null).findFirst().orElse(null);
    }

    /** Ack latencies of the acknowledged records whose send and ack times pass the test. */
    LatencySummary latencies(SendWindow window) {
        long[] latencies = IntStream.range(0, sent())
                .filter(i -> acknowledged(i) && window.holds(sentNanos[i], ackNanos[i]))
                .mapToLong(i -> ackNanos[i] - sentNanos[i])
                .toArray();
        return LatencySummary.of(latencies);
    }

    @FunctionalInterface
    interface SendWindow {
        boolean holds(long sentNanos, long ackNanos);
    }

    /** The first acknowledgement on the partition of a record sent at or after {@code nanos}. */
    OptionalLong firstAckOnPartitionSentFrom(int partition, long nanos) {
        return IntStream.range(0, sent())
                .filter(i -> acknowledged(i) && partitions[i] == partition && sentNanos[i] >= nanos)
                .mapToLong(i -> ackNanos[i])
                .min();
    }
}
