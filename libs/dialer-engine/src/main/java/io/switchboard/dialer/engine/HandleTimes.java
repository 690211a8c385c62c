package io.switchboard.dialer.engine;

import java.util.Arrays;

/**
 * The campaign's recent handle times (talk and wrap-up), kept as the last {@code capacity} completed
 * calls: how likely a busy agent is to be free within a few seconds given how long they have been on
 * their call, read from the empirical distribution, not from an assumed shape.
 */
public final class HandleTimes {

    private final double[] seconds;
    private final double priorMeanSeconds;
    private int size;
    private int next;
    private double[] sorted;

    public HandleTimes(int capacity, double priorMeanSeconds) {
        if (capacity < 1 || priorMeanSeconds <= 0) {
            throw new IllegalArgumentException("capacity ≥ 1 and a positive prior mean");
        }
        this.seconds = new double[capacity];
        this.priorMeanSeconds = priorMeanSeconds;
    }

    public void record(double handleSeconds) {
        seconds[next] = handleSeconds;
        next = (next + 1) % seconds.length;
        size = Math.min(size + 1, seconds.length);
        sorted = null;
    }

    public double mean() {
        if (size == 0) {
            return priorMeanSeconds;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += seconds[i];
        }
        return sum / size;
    }

    /**
     * P(the call ends within {@code window} | it has lasted {@code elapsed}) from the recorded calls
     * longer than {@code elapsed}; with fewer than 20 such calls, an exponential with the mean (which
     * forgets how long the call has lasted).
     */
    public double endsWithin(double elapsed, double window) {
        double[] all = sorted();
        int longer = all.length - upperBound(all, elapsed);
        if (longer < 20) {
            return 1 - Math.exp(-window / mean());
        }
        int endingSoon = upperBound(all, elapsed + window) - upperBound(all, elapsed);
        return (double) endingSoon / longer;
    }

    private double[] sorted() {
        if (sorted == null) {
            sorted = Arrays.copyOf(seconds, size);
            Arrays.sort(sorted);
        }
        return sorted;
    }

    /** The index of the first value greater than {@code value}. */
    private static int upperBound(double[] values, double value) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
