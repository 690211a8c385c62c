package io.switchboard.routing.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentSelection;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.QueueConfig;

/**
 * A queue's live state. Relaxation splits it into levels: level 0 has the configured requirements
 * and each relaxation step adds a level with weaker ones. For each level and channel it keeps the
 * agents ready to take a contact, in strategy order, and the waiting contacts, in service order.
 * Ready sets are cumulative (an agent eligible at level 1 is in the sets of every level from 1 on),
 * so a contact only ever looks at the head of one set.
 */
final class QueueRuntime {

    /** Service order: higher priority first, then the longest waiting. */
    static final Comparator<ContactRuntime> SERVICE_ORDER = Comparator
            .comparingInt((ContactRuntime c) -> -c.priority)
            .thenComparingLong(c -> c.arrived)
            .thenComparingLong(c -> c.sequence);

    final QueueConfig config;
    final AgentSelection selection;
    private final long thresholdMillis;
    /** A contact that has waited this long, and not yet the threshold, is at risk of missing it. */
    private final long atRiskAfterMillis;
    final List<Map<String, Integer>> requirements;
    final long[] levelStarts;
    /** The agents who can serve it, each with their membership (score, primary flag): one lookup per agent. */
    final Map<AgentRuntime, AgentRuntime.Membership> members = new HashMap<>();
    private final List<NavigableSet<AgentRuntime>[]> ready = new ArrayList<>();
    private final List<NavigableSet<ContactRuntime>[]> waiting = new ArrayList<>();
    int waitingCount;
    /**
     * The share of recent contacts offered within the service-level threshold, as an exponentially
     * weighted average over about the last {@code 1 / RECENT_WEIGHT} contacts (abandons count as missed).
     */
    double recentServiceLevel = 1.0;
    static final double RECENT_WEIGHT = 1.0 / 32;
    /**
     * The share of the threshold after which a waiting contact is at risk. The simulator's six-type
     * design gives 82.1-82.4% service level for any share from 0.1 to 0.4 (docs/benchmarks.md).
     */
    static final double AT_RISK_SHARE = 0.25;
    /** When the pending opening timer of a closed queue fires; 0 when none is pending. */
    long opensAt;

    QueueRuntime(QueueConfig config) {
        this.config = config;
        this.selection = config.agentSelection();
        this.thresholdMillis = config.serviceLevel().threshold().toMillis();
        this.atRiskAfterMillis = Math.round(thresholdMillis * AT_RISK_SHARE);
        this.requirements = relaxedRequirements(config);
        this.levelStarts = new long[requirements.size()];
        for (int level = 1; level < levelStarts.length; level++) {
            levelStarts[level] = config.relaxation().get(level - 1).after().toMillis();
        }
        Comparator<AgentRuntime> order = agentOrder();
        for (int level = 0; level < requirements.size(); level++) {
            ready.add(channelSets(() -> new TreeSet<>(order)));
            waiting.add(channelSets(() -> new TreeSet<>(SERVICE_ORDER)));
        }
    }

    String id() {
        return config.id();
    }

    /** Whether its contacts may be offered at {@code clock}: always, unless hours say it is closed. */
    boolean isOpen(long clock) {
        return config.hours() == null || config.hours().isOpen(java.time.Instant.ofEpochMilli(clock));
    }

    int levels() {
        return requirements.size();
    }

    /** The level a contact that waited {@code waitedMillis} has reached. */
    int levelAfter(long waitedMillis) {
        int level = 0;
        while (level + 1 < levelStarts.length && waitedMillis >= levelStarts[level + 1]) {
            level++;
        }
        return level;
    }

    /** The lowest level at which the agent qualifies, or -1. */
    int minLevel(AgentProfile agent) {
        if (!agent.tenants().contains(config.tenant())) {
            return -1;
        }
        for (int level = 0; level < requirements.size(); level++) {
            if (qualifies(agent, requirements.get(level))) {
                return level;
            }
        }
        return -1;
    }

    /** Whether the queue requires the agent's strongest skill (any of them on a tie), or nothing at all. */
    boolean isPrimaryFor(AgentProfile agent) {
        if (config.requiredSkills().isEmpty()) {
            return true;
        }
        int strongest = 0;
        for (int level : agent.skills().values()) {
            strongest = Math.max(strongest, level);
        }
        for (String skill : config.requiredSkills().keySet()) {
            if (agent.skills().getOrDefault(skill, 0) == strongest) {
                return true;
            }
        }
        return false;
    }

    /** A contact was offered after waiting this long: one sample of the recent service level. */
    void recordOffered(long waitedMillis) {
        recentServiceLevel += RECENT_WEIGHT * ((waitedMillis <= thresholdMillis ? 1 : 0) - recentServiceLevel);
    }

    /** A waiting contact left: a sample missed. */
    void recordAbandoned() {
        recentServiceLevel -= RECENT_WEIGHT * recentServiceLevel;
    }

    /** Whether a contact that has waited this long can still be answered within the threshold but has used a quarter of it. */
    boolean atRisk(long waitedMillis) {
        return waitedMillis >= atRiskAfterMillis && waitedMillis <= thresholdMillis;
    }

    /** Whether the recent share of contacts offered within the threshold is below the queue's target. */
    boolean behindTarget() {
        return recentServiceLevel < config.serviceLevel().targetShare();
    }

    /** The sum of the agent's proficiency over the queue's configured skills; higher is more skilled. */
    int score(AgentProfile agent) {
        int score = 0;
        for (String skill : config.requiredSkills().keySet()) {
            score += agent.skills().getOrDefault(skill, 0);
        }
        return score;
    }

    NavigableSet<AgentRuntime> ready(int level, Channel channel) {
        return ready.get(level)[channel.ordinal()];
    }

    NavigableSet<ContactRuntime> waiting(int level, Channel channel) {
        return waiting.get(level)[channel.ordinal()];
    }

    void addReady(AgentRuntime agent, int minLevel, Channel channel) {
        for (int level = minLevel; level < requirements.size(); level++) {
            ready.get(level)[channel.ordinal()].add(agent);
        }
    }

    void removeReady(AgentRuntime agent, int minLevel, Channel channel) {
        for (int level = minLevel; level < requirements.size(); level++) {
            ready.get(level)[channel.ordinal()].remove(agent);
        }
    }

    void addWaiting(ContactRuntime contact) {
        if (waiting(contact.level, contact.request.channel()).add(contact)) {
            waitingCount++;
        }
    }

    void removeWaiting(ContactRuntime contact) {
        if (waiting(contact.level, contact.request.channel()).remove(contact)) {
            waitingCount--;
        }
    }

    /** Every waiting contact, in service order. O(w log w); for the API, not for decisions. */
    List<ContactRuntime> waitingInOrder() {
        TreeSet<ContactRuntime> all = new TreeSet<>(SERVICE_ORDER);
        for (NavigableSet<ContactRuntime>[] byChannel : waiting) {
            for (NavigableSet<ContactRuntime> set : byChannel) {
                all.addAll(set);
            }
        }
        return new ArrayList<>(all);
    }

    private Comparator<AgentRuntime> agentOrder() {
        Comparator<AgentRuntime> longestIdle = Comparator.comparingLong((AgentRuntime a) -> a.idleSince)
                .thenComparing(a -> a.id);
        return switch (config.strategy()) {
            case LONGEST_IDLE -> longestIdle;
            case MOST_SKILLED -> Comparator.comparingInt((AgentRuntime a) -> -scoreOf(a)).thenComparing(longestIdle);
            case LEAST_OCCUPIED -> Comparator.comparingInt((AgentRuntime a) -> a.totalActive).thenComparing(longestIdle);
            case ROUND_ROBIN -> Comparator.comparingLong((AgentRuntime a) -> a.lastOffer).thenComparing(a -> a.id);
        };
    }

    private int scoreOf(AgentRuntime agent) {
        AgentRuntime.Membership membership = members.get(agent);
        return membership == null ? 0 : membership.score();
    }

    private static boolean qualifies(AgentProfile agent, Map<String, Integer> required) {
        for (var need : required.entrySet()) {
            if (agent.skills().getOrDefault(need.getKey(), 0) < need.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<Map<String, Integer>> relaxedRequirements(QueueConfig config) {
        List<Map<String, Integer>> levels = new ArrayList<>();
        Map<String, Integer> current = new LinkedHashMap<>(config.requiredSkills());
        levels.add(Map.copyOf(current));
        for (QueueConfig.Relaxation step : config.relaxation()) {
            if (step.minimum() == null) {
                current.remove(step.skill());
            } else {
                current.put(step.skill(), step.minimum());
            }
            levels.add(Map.copyOf(current));
        }
        return levels;
    }

    @SuppressWarnings("unchecked")
    private static <T> NavigableSet<T>[] channelSets(java.util.function.Supplier<NavigableSet<T>> factory) {
        NavigableSet<T>[] sets = new NavigableSet[Channel.values().length];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = factory.get();
        }
        return sets;
    }
}
