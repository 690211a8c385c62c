package io.switchboard.local;

import java.util.Arrays;

/** Count, median, 99th percentile and maximum of a set of latencies, in milliseconds (null when there are none). */
record LatencySummary(int count, Double p50Ms, Double p99Ms, Double maxMs) {

    static LatencySummary of(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencySummary(0, null, null, null);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]));
    }

    /** Nearest rank. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
