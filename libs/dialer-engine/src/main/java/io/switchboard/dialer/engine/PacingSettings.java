package io.switchboard.dialer.engine;

/**
 * A campaign's pacing limits.
 *
 * @param mode           preview, progressive or predictive
 * @param abandonCap     the share of live-answered calls allowed to find no agent over the campaign's day
 *                       (0.03: the FTC's and Ofcom's 3%)
 * @param setpoint       the share the predictive pacer aims at, below the cap, so that bad luck stays
 *                       under it (0.6 of the cap by default)
 * @param lookAheadSeconds how far ahead agents finishing their calls count as free: about a call's time
 *                       to answer
 * @param maxLinesPerAgent the most calls ringing per logged-in agent
 */
public record PacingSettings(DialMode mode, double abandonCap, double setpoint, double lookAheadSeconds, double maxLinesPerAgent) {

    public static PacingSettings predictive(double abandonCap) {
        return new PacingSettings(DialMode.PREDICTIVE, abandonCap, abandonCap * 0.6, 12, 4);
    }

    public PacingSettings {
        if (abandonCap < 0 || abandonCap > 0.2) {
            throw new IllegalArgumentException("an abandon cap is a share between 0 and 0.2, not " + abandonCap);
        }
        if (setpoint < 0 || setpoint > abandonCap) {
            throw new IllegalArgumentException("the setpoint lies between 0 and the cap");
        }
        if (lookAheadSeconds < 0 || maxLinesPerAgent < 1) {
            throw new IllegalArgumentException("look-ahead ≥ 0 s and at least one line per agent");
        }
    }
}
