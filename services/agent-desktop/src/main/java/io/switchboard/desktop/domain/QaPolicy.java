package io.switchboard.desktop.domain;

/**
 * How a queue's finished contacts are sampled for quality evaluation: a share of them at random, and
 * at least {@code minimumPerAgentPerWeek} of each agent's contacts in each week (Monday to Sunday,
 * UTC), whatever the share.
 */
public record QaPolicy(double share, int minimumPerAgentPerWeek) {

    public static final QaPolicy NONE = new QaPolicy(0, 0);
    public static final int MAX_MINIMUM = 100;

    public QaPolicy {
        if (Double.isNaN(share) || share < 0 || share > 1) {
            throw new DesktopException.Invalid("share must be between 0 and 1, not " + share);
        }
        if (minimumPerAgentPerWeek < 0 || minimumPerAgentPerWeek > MAX_MINIMUM) {
            throw new DesktopException.Invalid("minimumPerAgentPerWeek must be between 0 and " + MAX_MINIMUM);
        }
    }
}
