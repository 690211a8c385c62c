package io.switchboard.dialer.sim;

/**
 * What a simulated day gave.
 *
 * @param dials             calls placed
 * @param answered          calls a person answered
 * @param connected         answered calls an agent took
 * @param abandoned         answered calls that found no agent within the grace time
 * @param abandonRate       abandoned ÷ answered, over the day (how regulators measure it)
 * @param agentIdleShare    the share of agents' logged-in time spent waiting for a call
 * @param connectsPerAgentHour connected calls per agent and hour
 */
public record DayResult(long dials, long answered, long connected, long abandoned, double abandonRate, double agentIdleShare,
        double connectsPerAgentHour) {
}
