package io.switchboard.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.ContactRequest;
import io.switchboard.routing.engine.model.QueueConfig;

/** What the routing service does after a crash: rebuild from snapshots and carry on identically. */
class SnapshotRestoreTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void anEngineRestoredFromSnapshotsDecidesExactlyLikeTheOriginal() {
        RoutingEngine original = configured();
        SplittableRandom random = new SplittableRandom(9);
        List<String> contacts = new ArrayList<>();
        long clock = 0;
        for (int i = 0; i < 300; i++) {
            clock += random.nextInt(3_000);
            drive(original, random, contacts, i, clock);
        }

        RoutingEngine restored = configured();
        for (String agent : original.agentIds()) {
            AgentSnapshot snapshot = original.agentSnapshot(agent).orElseThrow();
            restored.restoreAgent(agent, snapshot.state(), snapshot.idleSince(), snapshot.wrapUpEnds(), snapshot.missedOffers());
        }
        for (String contact : contacts) {
            original.contactSnapshot(contact).ifPresent(s -> restored.restoreContact(s.request(), s.rejectedBy(), s.attempts(),
                    s.agentId(), s.offerId(), s.offerExpires(), s.status() == ContactSnapshot.Status.ASSIGNED, s.queuedAt()));
        }
        assertThat(restored.contactCount()).isEqualTo(original.contactCount()).isPositive();

        SplittableRandom again = new SplittableRandom(77);
        SplittableRandom twin = new SplittableRandom(77);
        List<String> contactsA = new ArrayList<>(contacts);
        List<String> contactsB = new ArrayList<>(contacts);
        for (int i = 300; i < 600; i++) {
            clock += 1_000;
            List<Decision> a = drive(original, again, contactsA, i, clock);
            List<Decision> b = drive(restored, twin, contactsB, i, clock);
            assertThat(b).as("step " + i).isEqualTo(a);
        }
    }

    private static RoutingEngine configured() {
        RoutingEngine engine = new RoutingEngine();
        engine.defineSkills(Set.of("billing", "loans"));
        engine.configureQueue(QueueConfig.simple("billing", "acme", Map.of("billing", 1)), T0);
        engine.configureQueue(QueueConfig.simple("loans", "acme", Map.of("loans", 2)), T0);
        for (int i = 0; i < 6; i++) {
            engine.configureAgent(new AgentProfile("agent-" + i, Set.of("acme"), i % 2 == 0 ? Map.of("billing", 3) : Map.of("billing", 1, "loans", 3),
                    Map.of(Channel.VOICE, 1, Channel.CHAT, 2), false), T0);
            engine.setAgentState("agent-" + i, AgentState.AVAILABLE, T0);
        }
        return engine;
    }

    /** One random step: arrivals, answers to offers, endings, presence changes, the clock. */
    private static List<Decision> drive(RoutingEngine engine, SplittableRandom random, List<String> contacts, int step, long clock) {
        Instant now = T0.plusMillis(clock);
        List<Decision> decisions = new ArrayList<>();
        int action = random.nextInt(10);
        if (action < 4 || contacts.isEmpty()) {
            String id = "c" + step;
            contacts.add(id);
            decisions.addAll(engine.contactArrived(ContactRequest.of(id, "acme", random.nextBoolean() ? Channel.VOICE : Channel.CHAT,
                    random.nextBoolean() ? "billing" : "loans", now), now));
        } else if (action < 7) {
            String id = contacts.get(random.nextInt(contacts.size()));
            var snapshot = engine.contactSnapshot(id);
            if (snapshot.isPresent() && snapshot.get().status() == ContactSnapshot.Status.OFFERED) {
                var s = snapshot.get();
                decisions.addAll(random.nextInt(4) == 0 ? engine.rejectOffer(id, s.offerId(), s.agentId(), now)
                        : engine.acceptOffer(id, s.offerId(), s.agentId(), now));
            } else {
                decisions.addAll(engine.tick(now));
            }
        } else if (action < 9) {
            String id = contacts.get(random.nextInt(contacts.size()));
            if (engine.contactSnapshot(id).isPresent()) {
                decisions.addAll(engine.endContact(id, now));
            }
        } else {
            String agent = "agent-" + random.nextInt(6);
            decisions.addAll(engine.setAgentState(agent, random.nextBoolean() ? AgentState.AVAILABLE : AgentState.AWAY, now));
        }
        return decisions;
    }
}
