package io.switchboard.dialer.engine;

/**
 * How many calls to place now.
 *
 * <p>Progressive: one line per free agent, counting the lines already ringing, so every answered call
 * has its agent. Predictive: agents about to finish count too (each with the probability, from the
 * recent handle times, that their call ends within the look-ahead), and more lines are placed than
 * agents, as many as keep the expected share of answered calls finding no agent at the setpoint:
 * E[max(0, X − A)] ≤ setpoint × E[X] for X ~ Binomial(lines, answer rate). Two brakes keep the day
 * under the cap: the setpoint shrinks to nothing as the day's abandon rate nears the cap, and the
 * decision's own expected abandons must fit within what the day can still afford
 * (cap × answered − abandoned). Without that margin, or before the day has answered enough calls to
 * afford one abandon, the pacer dials progressively, which abandons nothing.
 */
public final class Pacer {

    private final PacingSettings settings;

    public Pacer(PacingSettings settings) {
        this.settings = settings;
    }

    public PacingSettings settings() {
        return settings;
    }

    public int linesToDial(PacingState state, double answerRate, HandleTimes handleTimes) {
        int progressive = Math.min(state.records(), Math.max(0, state.freeAgents() - state.linesRinging()));
        if (settings.mode() == DialMode.PREVIEW) {
            return 0;
        }
        if (settings.mode() == DialMode.PROGRESSIVE || answerRate <= 0) {
            return progressive;
        }
        double freeing = 0;
        for (double elapsed : state.busyElapsed()) {
            freeing += handleTimes.endsWithin(elapsed, settings.lookAheadSeconds());
        }
        int agents = state.freeAgents() + (int) Math.floor(freeing);
        int loggedIn = state.freeAgents() + state.busyElapsed().size();
        int maxLines = (int) Math.floor(loggedIn * settings.maxLinesPerAgent());
        double target = target(state);
        double affordable = settings.abandonCap() * state.answeredToday() - state.abandonedToday();
        int best = progressive;
        for (int n = progressive + 1; n <= state.records() && state.linesRinging() + n <= maxLines; n++) {
            int lines = state.linesRinging() + n;
            double overflow = AbandonMath.expectedOverflow(lines, answerRate, agents);
            double answers = lines * answerRate;
            // The expected abandons must keep the day's rate within the cap even when they all come true.
            boolean withinDay = state.abandonedToday() + overflow <= settings.abandonCap() * (state.answeredToday() + answers) - 1
                    && overflow <= affordable;
            if (overflow > target * answers || !withinDay) {
                break;
            }
            best = n;
        }
        return best;
    }

    /** The setpoint, shrunk linearly to zero as the day's abandon rate goes from the setpoint to the cap. */
    private double target(PacingState state) {
        double rate = state.abandonRate();
        if (rate <= settings.setpoint()) {
            return settings.setpoint();
        }
        if (rate >= settings.abandonCap() || settings.abandonCap() == settings.setpoint()) {
            return 0;
        }
        return settings.setpoint() * (settings.abandonCap() - rate) / (settings.abandonCap() - settings.setpoint());
    }
}
