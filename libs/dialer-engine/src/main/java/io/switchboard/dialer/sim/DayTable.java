package io.switchboard.dialer.sim;

import java.util.Locale;

import io.switchboard.dialer.engine.DialMode;
import io.switchboard.dialer.engine.PacingSettings;

/**
 * The table of docs/dialer.md: progressive against predictive on 8-hour days (answer rates 15, 25 and
 * 45%, 10 to 50 agents, handle time 150 s; predictive over seeds 1–10), then days whose answer rate
 * jumps either way at noon (20 seeds each).
 */
public final class DayTable {

    private DayTable() {
    }

    public static void main(String[] args) {
        PacingSettings predictive = PacingSettings.predictive(0.03);
        PacingSettings progressive = new PacingSettings(DialMode.PROGRESSIVE, 0.03, 0.018, 12, 4);
        System.out.println("| Answer rate | Agents | Progressive: idle, connects/agent-h | Predictive: idle, connects/agent-h | Predictive abandon rate: mean, max |");
        System.out.println("|---|---|---|---|---|");
        for (double rate : new double[] {0.15, 0.25, 0.45}) {
            for (int agents : new int[] {10, 25, 50}) {
                DayResult plain = DialerSimulator.run(DayScenario.steady(agents, 8, rate, 150, progressive, 1));
                double idle = 0;
                double connects = 0;
                double abandon = 0;
                double worst = 0;
                int seeds = 10;
                for (long seed = 1; seed <= seeds; seed++) {
                    DayResult day = DialerSimulator.run(DayScenario.steady(agents, 8, rate, 150, predictive, seed));
                    idle += day.agentIdleShare();
                    connects += day.connectsPerAgentHour();
                    abandon += day.abandonRate();
                    worst = Math.max(worst, day.abandonRate());
                }
                System.out.printf(Locale.ROOT, "| %.0f%% | %d | %.1f%%, %.1f | %.1f%%, %.1f | %.2f%%, %.2f%% |%n", rate * 100, agents,
                        plain.agentIdleShare() * 100, plain.connectsPerAgentHour(), idle / seeds * 100, connects / seeds,
                        abandon / seeds * 100, worst * 100);
            }
        }
        double worst = 0;
        for (long seed = 1; seed <= 20; seed++) {
            worst = Math.max(worst, DialerSimulator.run(DayScenario.steady(25, 8, 0.15, 120, predictive, seed)
                    .withAnswerRateChange(0.45, 4)).abandonRate());
            worst = Math.max(worst, DialerSimulator.run(DayScenario.steady(25, 8, 0.45, 120, predictive, seed)
                    .withAnswerRateChange(0.15, 4)).abandonRate());
        }
        System.out.printf(Locale.ROOT, "%nAnswer rate 15%% ↔ 45%% at noon, 25 agents, 20 seeds each way: worst day %.2f%% abandoned (cap 3%%)%n",
                worst * 100);
    }
}
