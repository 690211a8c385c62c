package io.switchboard.routing.engine.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.switchboard.routing.engine.Decision;
import io.switchboard.routing.engine.RoutingEngine;
import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.ContactRequest;
import io.switchboard.routing.engine.model.QueueConfig;

/**
 * A large center for the benchmarks: 10,000 agents with 3-8 of 500 skills, 200 queues needing one
 * or two skills, voice capacity 1. It tracks which contact each agent holds so that the benchmark
 * loops can keep the center in a steady state.
 */
final class CenterModel {

    static final String TENANT = "bench";
    static final int AGENTS = 10_000;
    static final int SKILLS = 500;
    static final int QUEUES = 200;

    final RoutingEngine engine = new RoutingEngine();
    final SplittableRandom random = new SplittableRandom(2026);
    final String[] agentIds = new String[AGENTS];
    final Map<String, String> contactOfAgent = new HashMap<>();
    final List<String> busyAgents = new ArrayList<>();
    long millis = Instant.parse("2026-11-25T08:00:00Z").toEpochMilli();
    long nextContact;

    CenterModel() {
        Set<String> skills = new HashSet<>();
        for (int s = 0; s < SKILLS; s++) {
            skills.add("skill-" + s);
        }
        engine.defineSkills(skills);
        List<Map<String, Integer>> profiles = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            Map<String, Integer> agentSkills = new HashMap<>();
            int count = 3 + random.nextInt(6);
            while (agentSkills.size() < count) {
                agentSkills.put("skill-" + random.nextInt(SKILLS), 1 + random.nextInt(5));
            }
            profiles.add(agentSkills);
            agentIds[a] = "agent-" + a;
            engine.configureAgent(new AgentProfile(agentIds[a], Set.of(TENANT), agentSkills, Map.of(Channel.VOICE, 1), false), now());
            engine.setAgentState(agentIds[a], AgentState.AVAILABLE, now());
        }
        // Each queue asks for skills some agent has, so every queue is served and the backlog stays spread.
        for (int q = 0; q < QUEUES; q++) {
            List<String> owned = new ArrayList<>(profiles.get(random.nextInt(AGENTS)).keySet());
            Map<String, Integer> required = new HashMap<>();
            required.put(owned.get(0), 1);
            if (q % 4 == 0) {
                required.put(owned.get(1), 1);
            }
            engine.configureQueue(QueueConfig.simple("queue-" + q, TENANT, required), now());
        }
    }

    Instant now() {
        return Instant.ofEpochMilli(millis);
    }

    /** A new contact for a random queue; accepted at once if an agent is free. */
    void arrive() {
        millis++;
        String id = "c-" + nextContact++;
        List<Decision> decisions = engine.contactArrived(ContactRequest.of(id, TENANT, Channel.VOICE,
                "queue-" + random.nextInt(QUEUES), now()), now());
        acceptOffers(decisions);
    }

    /** A random busy agent finishes; the engine gives them the next waiting contact, which they accept. */
    void finishRandomContact() {
        millis++;
        if (busyAgents.isEmpty()) {
            arrive();
            return;
        }
        int index = random.nextInt(busyAgents.size());
        String agent = busyAgents.get(index);
        String contact = contactOfAgent.remove(agent);
        busyAgents.set(index, busyAgents.get(busyAgents.size() - 1));
        busyAgents.remove(busyAgents.size() - 1);
        acceptOffers(engine.endContact(contact, now()));
    }

    void acceptOffers(List<Decision> decisions) {
        for (Decision decision : decisions) {
            if (decision instanceof Decision.Offered offered) {
                engine.acceptOffer(offered.contactId(), offered.offerId(), offered.agentId(), now());
                contactOfAgent.put(offered.agentId(), offered.contactId());
                busyAgents.add(offered.agentId());
            }
        }
    }
}
