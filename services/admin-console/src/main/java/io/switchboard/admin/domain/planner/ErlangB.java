package io.switchboard.admin.domain.planner;

/**
 * Erlang B (M/M/N/N): calls that find every channel busy are blocked, not queued; what a trunk's
 * channel count is sized by. Computed by the stable recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)).
 */
public final class ErlangB {

    private ErlangB() {
    }

    /** The share of calls blocked with {@code channels} channels and {@code load} Erlangs offered. */
    public static double blocking(int channels, double load) {
        if (channels < 0 || load < 0 || Double.isNaN(load)) {
            throw new IllegalArgumentException("channels and load must not be negative");
        }
        double blocking = 1.0;
        for (int n = 1; n <= channels; n++) {
            blocking = load * blocking / (n + load * blocking);
        }
        return blocking;
    }

    /** The fewest channels that block at most {@code target} of the calls (e.g. 0.01 for 1%). */
    public static int channelsFor(double load, double target) {
        if (target <= 0 || target >= 1) {
            throw new IllegalArgumentException("the blocking target is a share between 0 and 1");
        }
        int channels = 0;
        double blocking = 1.0;
        while (blocking > target) {
            channels++;
            blocking = load * blocking / (channels + load * blocking);
        }
        return channels;
    }
}
