package io.switchboard.routing.engine.erlang;

/**
 * Erlang C (M/M/N): calls arrive at random, wait as long as it takes, and are answered by N agents.
 * {@code load} is the offered load A = arrival rate × average handle time, in Erlangs. Computed
 * through the Erlang B recursion, which stays stable for hundreds of agents.
 */
public final class ErlangC {

    private ErlangC() {
    }

    /** The probability that a call waits at all; 1 when the agents cannot keep up (A ≥ N). */
    public static double probabilityOfWaiting(int agents, double load) {
        requireValid(agents, load);
        if (load >= agents) {
            return 1.0;
        }
        double blocking = 1.0;
        for (int n = 1; n <= agents; n++) {
            blocking = load * blocking / (n + load * blocking);
        }
        return agents * blocking / (agents - load * (1 - blocking));
    }

    /** The share of calls answered within {@code thresholdSeconds}. */
    public static double serviceLevel(int agents, double load, double handleSeconds, double thresholdSeconds) {
        if (load >= agents) {
            return 0.0;
        }
        return 1 - probabilityOfWaiting(agents, load) * Math.exp(-(agents - load) * thresholdSeconds / handleSeconds);
    }

    /** Average speed of answer in seconds, over all calls. */
    public static double averageSpeedOfAnswer(int agents, double load, double handleSeconds) {
        if (load >= agents) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting(agents, load) * handleSeconds / (agents - load);
    }

    /** The fewest agents that reach {@code targetShare} answered within the threshold (staffing, before shrinkage). */
    public static int agentsFor(double load, double handleSeconds, double thresholdSeconds, double targetShare) {
        int agents = Math.max(1, (int) Math.floor(load) + 1);
        while (serviceLevel(agents, load, handleSeconds, thresholdSeconds) < targetShare) {
            agents++;
        }
        return agents;
    }

    private static void requireValid(int agents, double load) {
        if (agents < 1 || load < 0 || Double.isNaN(load)) {
            throw new IllegalArgumentException("need at least one agent and a non-negative load");
        }
    }
}
