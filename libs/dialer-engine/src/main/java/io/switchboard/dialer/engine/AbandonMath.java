package io.switchboard.dialer.engine;

/**
 * The expected number of answered calls that find no agent: with {@code lines} calls ringing, each
 * answered with probability {@code p}, and {@code agents} free to take them, E[max(0, X − agents)]
 * for X ~ Binomial(lines, p).
 */
public final class AbandonMath {

    private AbandonMath() {
    }

    public static double expectedOverflow(int lines, double p, int agents) {
        if (lines <= agents || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return lines - agents;
        }
        // E[max(0, X − a)] = E[X] − a + E[max(0, a − X)]: the second sum runs over k < a only.
        double q = 1 - p;
        double pmf = Math.pow(q, lines);
        double shortfall = 0;
        for (int k = 0; k < agents && k <= lines; k++) {
            shortfall += (agents - k) * pmf;
            pmf = pmf * (lines - k) / (k + 1) * p / q;
        }
        return Math.max(0, lines * p - agents + shortfall);
    }
}
