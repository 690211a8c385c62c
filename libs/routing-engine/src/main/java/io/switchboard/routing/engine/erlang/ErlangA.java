package io.switchboard.routing.engine.erlang;

/**
 * Erlang A (M/M/N+M): Erlang C plus callers who hang up after an exponentially distributed
 * patience. Solved numerically from the birth-death chain: the stationary distribution gives the
 * chance to wait and the abandon rate; the service level integrates, from each queue position an
 * arriving caller may find, the chance to reach an agent before the threshold and before hanging up.
 *
 * @param agents          N
 * @param arrivalRate     calls per second
 * @param handleSeconds   average handle time (1/μ)
 * @param patienceSeconds average patience (1/θ)
 */
public record ErlangA(int agents, double arrivalRate, double handleSeconds, double patienceSeconds) {

    private static final double NEGLIGIBLE = 1e-15;

    public ErlangA {
        if (agents < 1 || arrivalRate <= 0 || handleSeconds <= 0 || patienceSeconds <= 0) {
            throw new IllegalArgumentException("agents, rates and times must be positive");
        }
    }

    /** Stationary probabilities of n calls in the system, truncated where they become negligible. */
    double[] stationary() {
        double mu = 1 / handleSeconds;
        double theta = 1 / patienceSeconds;
        double[] weights = new double[agents + 1 + 100_000];
        weights[0] = 1;
        int n = 0;
        while (true) {
            double deathRate = Math.min(n + 1, agents) * mu + Math.max(n + 1 - agents, 0) * theta;
            double next = weights[n] * arrivalRate / deathRate;
            n++;
            weights[n] = next;
            if (n > agents && next < NEGLIGIBLE * weights[agents] || n == weights.length - 1) {
                break;
            }
            // Rescale before the weights overflow; only ratios matter.
            if (next > 1e250) {
                for (int i = 0; i <= n; i++) {
                    weights[i] /= 1e250;
                }
            }
        }
        double total = 0;
        for (int i = 0; i <= n; i++) {
            total += weights[i];
        }
        double[] pi = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            pi[i] = weights[i] / total;
        }
        return pi;
    }

    public double probabilityOfWaiting() {
        double[] pi = stationary();
        double waiting = 0;
        for (int n = agents; n < pi.length; n++) {
            waiting += pi[n];
        }
        return waiting;
    }

    /** Share of callers who hang up before an agent answers. */
    public double abandonRate() {
        double[] pi = stationary();
        double queued = 0;
        for (int n = agents + 1; n < pi.length; n++) {
            queued += (n - agents) * pi[n];
        }
        return queued / patienceSeconds / arrivalRate;
    }

    /** Share of callers answered within {@code thresholdSeconds}; those who hang up count as not answered. */
    public double serviceLevel(double thresholdSeconds) {
        double[] pi = stationary();
        double immediate = 0;
        for (int n = 0; n < agents; n++) {
            immediate += pi[n];
        }
        int positions = pi.length - agents;
        double[] ahead = new double[positions];
        for (int i = 0; i < positions; i++) {
            ahead[i] = pi[agents + i];
        }
        double mu = 1 / handleSeconds;
        double theta = 1 / patienceSeconds;
        double agentRate = agents * mu;
        double maxRate = agentRate + positions * theta + theta;
        int steps = (int) Math.ceil(thresholdSeconds * maxRate / 0.05) + 1;
        double dt = thresholdSeconds / steps;
        double served = 0;
        double[] k1 = new double[positions];
        double[] k2 = new double[positions];
        double[] k3 = new double[positions];
        double[] k4 = new double[positions];
        double[] tmp = new double[positions];
        for (int step = 0; step < steps; step++) {
            derivative(ahead, k1, agentRate, theta);
            for (int i = 0; i < positions; i++) {
                tmp[i] = ahead[i] + dt / 2 * k1[i];
            }
            derivative(tmp, k2, agentRate, theta);
            for (int i = 0; i < positions; i++) {
                tmp[i] = ahead[i] + dt / 2 * k2[i];
            }
            derivative(tmp, k3, agentRate, theta);
            for (int i = 0; i < positions; i++) {
                tmp[i] = ahead[i] + dt * k3[i];
            }
            derivative(tmp, k4, agentRate, theta);
            served += dt / 6 * agentRate * (ahead[0] + 2 * (ahead[0] + dt / 2 * k1[0]) + 2 * (ahead[0] + dt / 2 * k2[0])
                    + (ahead[0] + dt * k3[0]));
            for (int i = 0; i < positions; i++) {
                ahead[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return immediate + served;
    }

    /** A waiting caller with i calls ahead moves up at rate Nμ + iθ and hangs up at rate θ. */
    private static void derivative(double[] ahead, double[] out, double agentRate, double theta) {
        int last = ahead.length - 1;
        for (int i = 0; i <= last; i++) {
            double leave = (agentRate + i * theta + theta) * ahead[i];
            double arriveFromBehind = i < last ? (agentRate + (i + 1) * theta) * ahead[i + 1] : 0;
            out[i] = arriveFromBehind - leave;
        }
    }
}
