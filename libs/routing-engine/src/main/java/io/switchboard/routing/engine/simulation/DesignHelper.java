package io.switchboard.routing.engine.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.switchboard.routing.engine.erlang.ErlangC;

/**
 * Proposes which two skills each agent gets and how they choose their next contact, and shows what
 * that is worth. Each type gets agents in proportion to its load, all with it as their primary skill
 * (proficiency 5). Their secondary skills (3) start a long chain (Jordan and Graves: the first agent
 * of each type backs up the next type) and spread over every other type in turn, so that, head count
 * allowing, every pair of types shares agents. The policy is primary first: the simulator shows the
 * spread with it within about a point of full pooling, where a single chain stays 3.5 points short
 * (see docs/benchmarks.md). The design is simulated with that policy next to dedicated agents (one
 * skill each) and full pooling (every skill), and the smallest head count meeting the target is
 * searched from Erlang C's pooled number up.
 */
public final class DesignHelper {

    private static final int PRIMARY = 5;
    private static final int SECONDARY = 3;
    /** How the proposed design's agents choose their next contact (a scenario's {@code agentSelection}). */
    static final String AGENT_SELECTION = "primary-first";
    /** The staffing search stops this far above the pooled number. */
    private static final double SEARCH_LIMIT = 1.25;

    /** One group of agents: how many, their primary skill and their secondary one. */
    public record Group(int count, String primary, String secondary) {
    }

    /** A design's figures from one simulation. */
    public record Figures(double serviceLevel, double asaSeconds, double occupancy) {

        static Figures of(SimulationResult result) {
            return new Figures(result.serviceLevel(), result.asaSeconds(), result.occupancy());
        }
    }

    /**
     * @param agentSelection        the policy the design is simulated with, to configure on its queues
     * @param pooledAgentsForTarget Erlang C's head count for the target with every agent on every skill
     * @param designAgentsForTarget the simulated head count the proposed design needs (-1: more than the search's limit)
     */
    public record Proposal(List<Group> groups, String agentSelection, Figures dedicated, Figures proposed, Figures pooled, int pooledAgentsForTarget,
            int designAgentsForTarget) {
    }

    private DesignHelper() {
    }

    public static Proposal propose(DesignRequest request) {
        List<Group> groups = groups(request, request.agents());
        Figures dedicated = Figures.of(run(request, dedicated(request, request.agents()), "oldest-first"));
        Figures proposed = Figures.of(run(request, agents(groups), AGENT_SELECTION));
        Figures pooled = Figures.of(run(request, pooled(request, request.agents()), "oldest-first"));
        double handle = request.totalLoad() / request.totalRate();
        int pooledNeed = ErlangC.agentsFor(request.totalLoad(), handle, request.serviceLevelThresholdSeconds(),
                request.serviceLevelTarget());
        return new Proposal(groups, AGENT_SELECTION, dedicated, proposed, pooled, pooledNeed, designNeed(request, pooledNeed));
    }

    /** Agents per type in proportion to load (largest remainder), each type's secondaries spread over the others. */
    static List<Group> groups(DesignRequest request, int agents) {
        List<DesignRequest.ContactType> types = request.contactTypes();
        int n = types.size();
        int[] counts = new int[n];
        double[] remainders = new double[n];
        int given = 0;
        for (int t = 0; t < n; t++) {
            double share = agents * types.get(t).load() / request.totalLoad();
            counts[t] = Math.max(1, (int) Math.floor(share));
            remainders[t] = share - Math.floor(share);
            given += counts[t];
        }
        while (given < agents) {
            int best = 0;
            for (int t = 1; t < n; t++) {
                if (remainders[t] > remainders[best]) {
                    best = t;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            given++;
        }
        List<Group> groups = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int[] backups = new int[n];
            for (int k = 0; k < counts[t]; k++) {
                backups[(t + 1 + k % (n - 1)) % n]++;
            }
            for (int other = 1; other < n; other++) {
                int s = (t + other) % n;
                if (backups[s] > 0) {
                    groups.add(new Group(backups[s], types.get(t).name(), types.get(s).name()));
                }
            }
        }
        return groups;
    }

    private static int designNeed(DesignRequest request, int pooledNeed) {
        for (int agents = pooledNeed; agents <= Math.ceil(pooledNeed * SEARCH_LIMIT); agents++) {
            if (run(request, agents(groups(request, agents)), AGENT_SELECTION).serviceLevel() >= request.serviceLevelTarget()) {
                return agents;
            }
        }
        return -1;
    }

    private static List<Scenario.AgentGroup> agents(List<Group> groups) {
        return groups.stream().map(g -> new Scenario.AgentGroup(g.count(), Map.of(g.primary(), PRIMARY, g.secondary(), SECONDARY), null))
                .toList();
    }

    private static List<Scenario.AgentGroup> dedicated(DesignRequest request, int agents) {
        return groups(request, agents).stream()
                .collect(java.util.stream.Collectors.groupingBy(Group::primary, java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.summingInt(Group::count)))
                .entrySet().stream().map(e -> new Scenario.AgentGroup(e.getValue(), Map.of(e.getKey(), PRIMARY), null)).toList();
    }

    private static List<Scenario.AgentGroup> pooled(DesignRequest request, int agents) {
        Map<String, Integer> every = new java.util.HashMap<>();
        request.contactTypes().forEach(t -> every.put(t.name(), PRIMARY));
        return List.of(new Scenario.AgentGroup(agents, every, null));
    }

    private static SimulationResult run(DesignRequest request, List<Scenario.AgentGroup> agents, String selection) {
        List<Scenario.ContactType> types = request.contactTypes().stream()
                .map(t -> new Scenario.ContactType(t.name(), "voice", t.arrivalRatePerSecond(), t.meanHandleSeconds(), null, 0,
                        Map.of(t.name(), 1)))
                .toList();
        double duration = request.contactsToSimulate() / request.totalRate();
        return new Simulator(new Scenario(request.seed(), duration, duration * 0.02, request.serviceLevelThresholdSeconds(),
                "longest-idle", selection, types, agents)).run();
    }
}
