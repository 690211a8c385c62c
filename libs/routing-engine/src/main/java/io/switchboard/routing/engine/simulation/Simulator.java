package io.switchboard.routing.engine.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

import io.switchboard.routing.engine.Decision;
import io.switchboard.routing.engine.RoutingEngine;
import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentSelection;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.ContactRequest;
import io.switchboard.routing.engine.model.QueueConfig;
import io.switchboard.routing.engine.model.Strategy;

/**
 * A discrete-event simulation that drives the real engine: one queue per contact type, agents
 * who accept every offer at once, exponential handle times, and callers who hang up when their
 * exponential patience runs out. The same scenario and seed always give the same result.
 */
public final class Simulator {

    private static final String TENANT = "simulation";
    private static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");

    private enum Kind { ARRIVAL, COMPLETION, PATIENCE_END }

    private record Event(double at, long order, Kind kind, int type, String contactId) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Double.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private static final class Tally {
        long offered;
        long answered;
        long answeredInTime;
        long abandoned;
        long waited;
        double totalWait;

        SimulationResult.TypeResult result() {
            return new SimulationResult.TypeResult(offered, answered, abandoned, share(answeredInTime, offered),
                    answered == 0 ? 0 : totalWait / answered);
        }
    }

    private final Scenario scenario;
    private final RoutingEngine engine = new RoutingEngine();
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final SplittableRandom random;
    private final Map<String, Integer> typeOf = new HashMap<>();
    private final Map<String, Double> arrivedAt = new HashMap<>();
    private final Set<String> answered = new HashSet<>();
    private final Map<String, Double> busySince = new HashMap<>();
    private long order;
    private long contactSequence;
    private double busyAgentSeconds;
    private int agentCount;

    public Simulator(Scenario scenario) {
        this.scenario = scenario;
        this.random = new SplittableRandom(scenario.seed());
    }

    public SimulationResult run() {
        long started = System.nanoTime();
        configure();
        for (int type = 0; type < scenario.contactTypes().size(); type++) {
            scheduleArrival(type, 0);
        }
        Tally total = new Tally();
        Tally[] perType = new Tally[scenario.contactTypes().size()];
        for (int i = 0; i < perType.length; i++) {
            perType[i] = new Tally();
        }
        while (!events.isEmpty()) {
            Event event = events.poll();
            switch (event.kind()) {
                case ARRIVAL -> arrive(event, total, perType);
                case COMPLETION -> apply(engine.endContact(event.contactId(), instant(event.at())), event.at(), total, perType);
                case PATIENCE_END -> {
                    if (!answered.contains(event.contactId()) && arrivedAt.containsKey(event.contactId())) {
                        apply(engine.endContact(event.contactId(), instant(event.at())), event.at(), total, perType);
                    }
                }
            }
        }
        Map<String, SimulationResult.TypeResult> types = new LinkedHashMap<>();
        for (int i = 0; i < perType.length; i++) {
            types.put(scenario.contactTypes().get(i).name(), perType[i].result());
        }
        double window = scenario.durationSeconds() - scenario.warmupSeconds();
        return new SimulationResult(total.offered, total.answered, total.abandoned, share(total.answeredInTime, total.offered),
                total.answered == 0 ? 0 : total.totalWait / total.answered, share(total.abandoned, total.offered),
                busyAgentSeconds / (agentCount * window), share(total.waited, total.offered), types, contactSequence,
                (System.nanoTime() - started) / 1e9);
    }

    private void configure() {
        Set<String> skills = new HashSet<>();
        scenario.contactTypes().forEach(t -> skills.addAll(t.requiredSkills().keySet()));
        scenario.agents().forEach(g -> skills.addAll(g.skills().keySet()));
        engine.defineSkills(skills);
        Strategy strategy = Strategy.valueOf(scenario.strategy().toUpperCase(Locale.ROOT).replace('-', '_'));
        AgentSelection selection = AgentSelection.valueOf(scenario.agentSelection().toUpperCase(Locale.ROOT).replace('-', '_'));
        for (int type = 0; type < scenario.contactTypes().size(); type++) {
            Scenario.ContactType contactType = scenario.contactTypes().get(type);
            QueueConfig.ServiceLevel target = new QueueConfig.ServiceLevel(
                    Duration.ofMillis(Math.round(scenario.serviceLevelThresholdSeconds() * 1000)), 0.8);
            engine.configureQueue(new QueueConfig("type-" + type, TENANT, contactType.requiredSkills(), contactType.priority(),
                    target, strategy, null, Duration.ofDays(365), null, null, List.of(), null, null, selection), EPOCH);
        }
        int agent = 0;
        for (Scenario.AgentGroup group : scenario.agents()) {
            Map<Channel, Integer> capacity = new HashMap<>();
            for (Channel channel : Channel.values()) {
                capacity.put(channel, 1);
            }
            if (group.capacity() != null) {
                group.capacity().forEach((channel, slots) -> capacity.put(channel(channel), slots));
            }
            for (int i = 0; i < group.count(); i++, agent++) {
                String id = "agent-%05d".formatted(agent);
                engine.configureAgent(new AgentProfile(id, Set.of(TENANT), group.skills(), capacity, false), EPOCH);
                engine.setAgentState(id, AgentState.AVAILABLE, EPOCH);
            }
        }
        agentCount = agent;
    }

    private void arrive(Event event, Tally total, Tally[] perType) {
        Scenario.ContactType type = scenario.contactTypes().get(event.type());
        String id = "c" + contactSequence++;
        typeOf.put(id, event.type());
        arrivedAt.put(id, event.at());
        if (counted(event.at())) {
            total.offered++;
            perType[event.type()].offered++;
        }
        if (type.meanPatienceSeconds() != null) {
            events.add(new Event(event.at() + exponential(type.meanPatienceSeconds()), order++, Kind.PATIENCE_END, event.type(), id));
        }
        Instant now = instant(event.at());
        apply(engine.contactArrived(new ContactRequest(id, TENANT, channel(type.channel()), "type-" + event.type(),
                type.priority(), now, null), now), event.at(), total, perType);
        scheduleArrival(event.type(), event.at());
    }

    private void apply(List<Decision> decisions, double now, Tally total, Tally[] perType) {
        for (Decision decision : decisions) {
            if (decision instanceof Decision.Offered offered) {
                // Simulated agents always answer at once.
                apply(engine.acceptOffer(offered.contactId(), offered.offerId(), offered.agentId(), instant(now)), now, total, perType);
            } else if (decision instanceof Decision.Assigned assigned) {
                String id = assigned.contactId();
                answered.add(id);
                int type = typeOf.get(id);
                double arrival = arrivedAt.get(id);
                double wait = now - arrival;
                if (counted(arrival)) {
                    total.answered++;
                    perType[type].answered++;
                    total.totalWait += wait;
                    perType[type].totalWait += wait;
                    if (wait > 1e-9) {
                        total.waited++;
                        perType[type].waited++;
                    }
                    if (wait <= scenario.serviceLevelThresholdSeconds()) {
                        total.answeredInTime++;
                        perType[type].answeredInTime++;
                    }
                }
                busySince.put(id, now);
                events.add(new Event(now + exponential(scenario.contactTypes().get(type).meanHandleSeconds()), order++,
                        Kind.COMPLETION, type, id));
            } else if (decision instanceof Decision.Released released) {
                Double since = busySince.remove(released.contactId());
                if (since != null) {
                    busyAgentSeconds += overlapWithWindow(since, now);
                }
                forget(released.contactId());
            } else if (decision instanceof Decision.Abandoned abandoned) {
                double arrival = arrivedAt.get(abandoned.contactId());
                if (counted(arrival)) {
                    total.abandoned++;
                    total.waited++;
                    int type = typeOf.get(abandoned.contactId());
                    perType[type].abandoned++;
                    perType[type].waited++;
                }
                forget(abandoned.contactId());
            }
        }
    }

    private void forget(String contactId) {
        typeOf.remove(contactId);
        arrivedAt.remove(contactId);
        answered.remove(contactId);
    }

    private void scheduleArrival(int type, double after) {
        double at = after + exponential(1 / scenario.contactTypes().get(type).arrivalRatePerSecond());
        if (at < scenario.durationSeconds()) {
            events.add(new Event(at, order++, Kind.ARRIVAL, type, null));
        }
    }

    private boolean counted(double arrival) {
        return arrival >= scenario.warmupSeconds() && arrival < scenario.durationSeconds();
    }

    private double overlapWithWindow(double from, double to) {
        return Math.max(0, Math.min(to, scenario.durationSeconds()) - Math.max(from, scenario.warmupSeconds()));
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static Instant instant(double seconds) {
        return EPOCH.plusMillis(Math.round(seconds * 1000));
    }

    private static Channel channel(String name) {
        return Channel.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
