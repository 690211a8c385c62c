package io.switchboard.routing.engine.simulation;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A what-if run: contact types arriving as Poisson processes with exponential handle times (and
 * optionally exponential patience), served by groups of agents with skills. {@code agentSelection}
 * ({@code oldest-first}, {@code primary-first}, {@code threshold}) is every queue's
 * {@link io.switchboard.routing.engine.model.AgentSelection}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scenario(long seed, double durationSeconds, double warmupSeconds, double serviceLevelThresholdSeconds,
        String strategy, String agentSelection, List<ContactType> contactTypes, List<AgentGroup> agents) {

    /** {@code meanPatienceSeconds} null means callers never hang up. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContactType(String name, String channel, double arrivalRatePerSecond, double meanHandleSeconds,
            Double meanPatienceSeconds, int priority, Map<String, Integer> requiredSkills) {
    }

    /** {@code capacity} per channel name (e.g. {"chat": 3}); each channel defaults to 1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AgentGroup(int count, Map<String, Integer> skills, Map<String, Integer> capacity) {
    }

    public Scenario {
        if (durationSeconds <= 0 || warmupSeconds < 0 || warmupSeconds >= durationSeconds) {
            throw new IllegalArgumentException("need 0 <= warmupSeconds < durationSeconds");
        }
        if (contactTypes == null || contactTypes.isEmpty() || agents == null || agents.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs contact types and agents");
        }
        strategy = strategy == null ? "longest-idle" : strategy;
        agentSelection = agentSelection == null ? "oldest-first" : agentSelection;
    }

    /** The same run with another way for free agents to choose their next contact. */
    public Scenario withAgentSelection(String selection) {
        return new Scenario(seed, durationSeconds, warmupSeconds, serviceLevelThresholdSeconds, strategy, selection, contactTypes, agents);
    }
}
