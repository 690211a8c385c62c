package io.switchboard.desktop.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Whether a finished contact goes to the evaluation list, and why. The random draw is a hash of the
 * contact id, so a redelivered event draws the same and evaluators cannot be steered by resubmitting.
 * The weekly minimum is met with the agent's first contacts of the week: reliable, at the price of
 * favouring the start of the week (which a share above zero balances).
 */
public final class QaSampler {

    public enum Reason {
        /** Drawn at random within the queue's share. */
        RANDOM,
        /** Taken to reach the agent's weekly minimum. */
        MINIMUM
    }

    private QaSampler() {
    }

    public static Optional<Reason> sample(String contactId, QaPolicy policy, int agentSampledThisWeek) {
        if (agentSampledThisWeek < policy.minimumPerAgentPerWeek()) {
            return Optional.of(Reason.MINIMUM);
        }
        return draw(contactId) < policy.share() ? Optional.of(Reason.RANDOM) : Optional.empty();
    }

    /** A uniform number in [0, 1) from the contact id (the first 53 bits of its SHA-256). */
    static double draw(String contactId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(contactId.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (digest[i] & 0xff);
            }
            return (bits >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
