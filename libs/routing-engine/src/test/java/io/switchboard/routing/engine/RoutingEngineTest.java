package io.switchboard.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.switchboard.routing.engine.Decision.AbandonReason;
import io.switchboard.routing.engine.Decision.OfferOutcome;
import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentSelection;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.ContactRequest;
import io.switchboard.routing.engine.model.QueueConfig;
import io.switchboard.routing.engine.model.Strategy;

class RoutingEngineTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z"); // a Wednesday
    static final String TENANT = "acme";

    RoutingEngine engine;

    @BeforeEach
    void setUp() {
        engine = new RoutingEngine();
        engine.defineSkills(Set.of("billing", "loans", "spanish"));
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static AgentProfile agent(String id, Map<String, Integer> skills) {
        return new AgentProfile(id, Set.of(TENANT), skills, Map.of(Channel.VOICE, 1, Channel.CHAT, 3, Channel.EMAIL, 5), false);
    }

    void available(String id, Map<String, Integer> skills, int atSeconds) {
        engine.configureAgent(agent(id, skills), at(atSeconds));
        engine.setAgentState(id, AgentState.AVAILABLE, at(atSeconds));
    }

    List<Decision> arrive(String id, String queue, Channel channel, int atSeconds) {
        return engine.contactArrived(ContactRequest.of(id, TENANT, channel, queue, at(atSeconds)), at(atSeconds));
    }

    static Decision.Offered offered(List<Decision> decisions) {
        return decisions.stream().filter(Decision.Offered.class::isInstance).map(Decision.Offered.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no offer in " + decisions));
    }

    static <T extends Decision> List<T> only(List<Decision> decisions, Class<T> type) {
        return decisions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void billingQueue(Strategy strategy) {
        engine.configureQueue(QueueConfig.simple("billing", TENANT, Map.of("billing", 1)).withStrategy(strategy), T0);
    }

    @Nested
    class AgentSelections {

        /** billing and loans, both voice; sam's strongest skill is loans, so loans is his primary queue. */
        void twoQueues(AgentSelection selection) {
            engine.configureQueue(QueueConfig.simple("billing", TENANT, Map.of("billing", 1)).withAgentSelection(selection), T0);
            engine.configureQueue(QueueConfig.simple("loans", TENANT, Map.of("loans", 1)).withAgentSelection(selection), T0);
        }

        /**
         * sam is on a call while a billing call (arrived at 10 s) and a loans call (12 s) wait; he is
         * free at {@code freeAt} seconds. The queues' service-level threshold is 20 s.
         */
        String nextForSam(AgentSelection selection, int freeAt) {
            twoQueues(selection);
            available("sam", Map.of("billing", 3, "loans", 5), 0);
            Decision.Offered first = offered(arrive("c0", "loans", Channel.VOICE, 1));
            engine.acceptOffer("c0", first.offerId(), "sam", at(2));
            arrive("c-billing", "billing", Channel.VOICE, 10);
            arrive("c-loans", "loans", Channel.VOICE, 12);
            return offered(engine.endContact("c0", at(freeAt))).contactId();
        }

        @Test
        void oldestFirstTakesTheOldestContactWhateverTheSkill() {
            assertThat(nextForSam(AgentSelection.OLDEST_FIRST, 14)).isEqualTo("c-billing");
        }

        @Test
        void primaryFirstTakesTheAgentsStrongestSkillFirst() {
            // The billing call has waited 4 s, less than a quarter of its 20 s threshold.
            assertThat(nextForSam(AgentSelection.PRIMARY_FIRST, 14)).isEqualTo("c-loans");
        }

        @Test
        void primaryFirstTakesASecondaryContactAtRiskOfMissingItsThresholdFirst() {
            // The billing call has waited 5 s (a quarter of 20 s): at risk, so sam rescues it; at 20 s still.
            assertThat(nextForSam(AgentSelection.PRIMARY_FIRST, 15)).isEqualTo("c-billing");
            setUp();
            assertThat(nextForSam(AgentSelection.PRIMARY_FIRST, 30)).isEqualTo("c-billing");
        }

        @Test
        void primaryFirstLeavesASecondaryContactThatHasMissedItsThresholdToItsOwnAgents() {
            // The billing call has waited 21 s: answering it now cannot make the threshold.
            assertThat(nextForSam(AgentSelection.PRIMARY_FIRST, 31)).isEqualTo("c-loans");
        }

        @Test
        void primaryFirstGivesANewContactToAnAgentForWhomItIsPrimary() {
            twoQueues(AgentSelection.PRIMARY_FIRST);
            available("sam", Map.of("billing", 3, "loans", 5), 0);
            available("bea", Map.of("billing", 5), 10);
            // sam has been idle longer, but billing is bea's strongest skill and only sam's second;
            // she serves no other queue, while sam taking it would leave loans with nobody ready.
            assertThat(offered(arrive("c1", "billing", Channel.VOICE, 20)).agentId()).isEqualTo("bea");
            assertThat(offered(arrive("c2", "billing", Channel.VOICE, 21)).agentId()).as("then the secondary agent").isEqualTo("sam");
        }

        /** billing, loans and spanish, all primary first. */
        void threeQueues() {
            twoQueues(AgentSelection.PRIMARY_FIRST);
            engine.configureQueue(QueueConfig.simple("spanish", TENANT, Map.of("spanish", 1))
                    .withAgentSelection(AgentSelection.PRIMARY_FIRST), T0);
        }

        @Test
        void primaryFirstGivesANewContactToTheAgentWhoseOtherQueuesKeepTheMostAgentsReady() {
            threeQueues();
            available("ann", Map.of("billing", 5, "spanish", 3), 0);
            available("sam", Map.of("loans", 5, "billing", 3), 5);
            available("lee", Map.of("loans", 5), 10);
            // ann is billing's primary agent and idle longest, but she is spanish's only ready agent;
            // loans keeps lee when sam goes (cover: ann 1 spanish agent, sam 2 loans agents with himself).
            assertThat(offered(arrive("c1", "billing", Channel.VOICE, 20)).agentId()).isEqualTo("sam");
            assertThat(offered(arrive("c2", "spanish", Channel.VOICE, 21)).agentId()).as("spanish still has ann").isEqualTo("ann");
        }

        @Test
        void primaryFirstPrefersThePrimaryAgentWhenBothLeaveAsMuchCover() {
            threeQueues();
            available("sam", Map.of("loans", 5, "billing", 3), 0);
            available("kim", Map.of("loans", 5), 1);
            available("ann", Map.of("billing", 5, "spanish", 3), 2);
            available("lee", Map.of("spanish", 5), 3);
            // Both leave two agents ready on their other queue (loans: sam and kim; spanish: ann and lee).
            assertThat(offered(arrive("c1", "billing", Channel.VOICE, 20)).agentId()).isEqualTo("ann");
        }

        @Test
        void thresholdLeavesASecondaryContactUntilItsQueueFallsBehindItsTarget() {
            twoQueues(AgentSelection.THRESHOLD);
            available("bea", Map.of("billing", 5), 0);
            available("sam", Map.of("billing", 3, "loans", 5), 0);
            Decision.Offered first = offered(arrive("c0", "billing", Channel.VOICE, 1));
            assertThat(first.agentId()).as("billing is bea's primary queue").isEqualTo("bea");
            engine.acceptOffer("c0", first.offerId(), "bea", at(1));
            int t = 1;
            // While billing's recent service level is at its 80% target, sam keeps himself for loans:
            // each billing call waits for bea and is answered after 39 s, past the 20 s threshold.
            for (int i = 1; i <= 8; i++) {
                assertThat(only(arrive("c" + i, "billing", Channel.VOICE, t + 1), Decision.Offered.class))
                        .as("call %d while billing is on target", i).isEmpty();
                Decision.Offered late = offered(engine.endContact("c" + (i - 1), at(t + 40)));
                assertThat(late.agentId()).isEqualTo("bea");
                engine.acceptOffer("c" + i, late.offerId(), "bea", at(t + 40));
                t += 40;
            }
            // Eight late answers in a row take billing below its target: sam now takes its next call at once.
            assertThat(offered(arrive("c9", "billing", Channel.VOICE, t + 1)).agentId()).isEqualTo("sam");
        }
    }

    @Nested
    class Strategies {

        @Test
        void longestIdleTakesTheAgentIdleTheLongest() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("late", Map.of("billing", 5), 20);
            available("early", Map.of("billing", 1), 10);
            assertThat(offered(arrive("c1", "billing", Channel.VOICE, 30)).agentId()).isEqualTo("early");
        }

        @Test
        void mostSkilledTakesTheHighestProficiencyThenLongestIdle() {
            billingQueue(Strategy.MOST_SKILLED);
            available("novice", Map.of("billing", 1), 0);
            available("expert-late", Map.of("billing", 5), 20);
            available("expert-early", Map.of("billing", 5), 10);
            assertThat(offered(arrive("c1", "billing", Channel.VOICE, 30)).agentId()).isEqualTo("expert-early");
        }

        @Test
        void leastOccupiedTakesTheAgentWithFewestContacts() {
            billingQueue(Strategy.LEAST_OCCUPIED);
            available("a", Map.of("billing", 1), 0);
            available("b", Map.of("billing", 1), 5);
            Decision.Offered first = offered(arrive("c1", "billing", Channel.CHAT, 10));
            assertThat(first.agentId()).isEqualTo("a");
            assertThat(offered(arrive("c2", "billing", Channel.CHAT, 11)).agentId()).as("a holds one chat").isEqualTo("b");
            assertThat(offered(arrive("c3", "billing", Channel.CHAT, 12)).agentId()).as("both hold one; a idle longer").isEqualTo("a");
        }

        @Test
        void roundRobinTakesTheAgentsInTurnWhateverTheirIdleTime() {
            billingQueue(Strategy.ROUND_ROBIN);
            available("a", Map.of("billing", 1), 0);
            available("b", Map.of("billing", 1), 1);
            available("c", Map.of("billing", 1), 2);
            // Chats leave each agent room for three; longest idle would give all three to a, who keeps
            // her idle time while she still has room.
            List<String> turns = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                turns.add(offered(arrive("c" + i, "billing", Channel.CHAT, 10 + i)).agentId());
            }
            assertThat(turns).containsExactly("a", "b", "c", "a", "b", "c");
        }

        @Test
        void thePreferredAgentComesFirstWithinTheWindow() {
            engine.configureQueue(new QueueConfig("billing", TENANT, Map.of("billing", 1), 0, null, Strategy.LONGEST_IDLE,
                    Duration.ofSeconds(30), null, null, null, List.of(), null, null), T0);
            available("idle-longest", Map.of("billing", 1), 0);
            available("last-agent", Map.of("billing", 1), 10);
            var request = new ContactRequest("c1", TENANT, Channel.VOICE, "billing", 0, at(20), "last-agent");
            assertThat(offered(engine.contactArrived(request, at(20))).agentId()).isEqualTo("last-agent");
        }

        @Test
        void aBusyPreferredAgentIsWaitedForUntilTheWindowEnds() {
            engine.configureQueue(new QueueConfig("billing", TENANT, Map.of("billing", 1), 0, null, Strategy.LONGEST_IDLE,
                    Duration.ofSeconds(30), null, null, null, List.of(), null, null), T0);
            available("other", Map.of("billing", 1), 0);
            available("last-agent", Map.of("billing", 1), 0);
            engine.setAgentState("last-agent", AgentState.AWAY, at(1));
            var request = new ContactRequest("c1", TENANT, Channel.VOICE, "billing", 0, at(20), "last-agent");
            assertThat(only(engine.contactArrived(request, at(20)), Decision.Offered.class)).isEmpty();
            assertThat(only(engine.tick(at(49)), Decision.Offered.class)).isEmpty();
            assertThat(offered(engine.tick(at(50))).agentId()).isEqualTo("other");
        }

        @Test
        void aContactWithNoEligibleAgentWaits() {
            engine.configureQueue(QueueConfig.simple("loans", TENANT, Map.of("loans", 3)), T0);
            available("billing-only", Map.of("billing", 5), 0);
            available("weak-loans", Map.of("loans", 2), 0);
            List<Decision> decisions = arrive("c1", "loans", Channel.VOICE, 5);
            assertThat(decisions).containsExactly(new Decision.Queued("c1", "loans", at(5)));
            assertThat(engine.waitingContacts("loans")).containsExactly("c1");
        }
    }

    @Nested
    class FreedAgents {

        @Test
        void aFreedAgentTakesTheHighestPriorityThenTheOldestAcrossItsQueues() {
            engine.configureQueue(QueueConfig.simple("billing", TENANT, Map.of("billing", 1)), T0);
            engine.configureQueue(new QueueConfig("vip", TENANT, Map.of("loans", 1), 5, null, null, null, null, null, null,
                    List.of(), null, null), T0);
            arrive("old-billing", "billing", Channel.VOICE, 0);
            arrive("newer-vip", "vip", Channel.VOICE, 10);
            arrive("older-vip", "vip", Channel.VOICE, 5);
            engine.configureAgent(agent("a", Map.of("billing", 1, "loans", 1)), at(20));
            assertThat(offered(engine.setAgentState("a", AgentState.AVAILABLE, at(20))).contactId()).isEqualTo("older-vip");
        }

        @Test
        void endingAContactPullsTheNextWaitingOne() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("a", Map.of("billing", 1), 0);
            Decision.Offered first = offered(arrive("c1", "billing", Channel.VOICE, 1));
            engine.acceptOffer("c1", first.offerId(), "a", at(2));
            arrive("c2", "billing", Channel.VOICE, 3);
            arrive("c3", "billing", Channel.VOICE, 4);
            List<Decision> decisions = engine.endContact("c1", at(60));
            assertThat(decisions.get(0)).isEqualTo(new Decision.Released("c1", "a"));
            assertThat(offered(decisions).contactId()).isEqualTo("c2");
        }

        @Test
        void wrapUpHoldsNewWorkUntilItEnds() {
            engine.configureQueue(new QueueConfig("billing", TENANT, Map.of("billing", 1), 0, null, null, null, null, null,
                    null, List.of(), null, Duration.ofSeconds(30)), T0);
            available("a", Map.of("billing", 1), 0);
            engine.acceptOffer("c1", offered(arrive("c1", "billing", Channel.VOICE, 1)).offerId(), "a", at(2));
            arrive("c2", "billing", Channel.VOICE, 3);
            List<Decision> ended = engine.endContact("c1", at(60));
            assertThat(ended).contains(new Decision.AgentStateChanged("a", AgentState.WRAP_UP, "after-contact work"));
            assertThat(only(ended, Decision.Offered.class)).isEmpty();
            assertThat(engine.agentState("a")).contains(AgentState.WRAP_UP);
            List<Decision> later = engine.tick(at(90));
            assertThat(later).contains(new Decision.AgentStateChanged("a", AgentState.AVAILABLE, "wrap-up ended"));
            assertThat(offered(later).contactId()).isEqualTo("c2");
        }

        @Test
        void anAgentWhoFinishesWrapUpEarlyIsAvailableAtOnce() {
            engine.configureQueue(new QueueConfig("billing", TENANT, Map.of("billing", 1), 0, null, null, null, null, null,
                    null, List.of(), null, Duration.ofSeconds(120)), T0);
            available("a", Map.of("billing", 1), 0);
            engine.acceptOffer("c1", offered(arrive("c1", "billing", Channel.VOICE, 1)).offerId(), "a", at(2));
            arrive("c2", "billing", Channel.VOICE, 3);
            engine.endContact("c1", at(60));
            List<Decision> done = engine.endWrapUp("a", at(75));
            assertThat(done).contains(new Decision.AgentStateChanged("a", AgentState.AVAILABLE, "wrap-up completed"));
            Decision.Offered next = offered(done);
            assertThat(next.contactId()).isEqualTo("c2");
            engine.acceptOffer("c2", next.offerId(), "a", at(76));
            assertThat(engine.endWrapUp("a", at(77))).as("not in wrap-up: nothing happens").isEmpty();
            assertThat(only(engine.tick(at(180)), Decision.AgentStateChanged.class)).as("the old wrap-up timer is stale").isEmpty();
        }
    }

    @Nested
    class PlacedContacts {

        @Test
        void anAgentsOwnCallIsTheirsAtOnceHoldsTheirCapacityAndEndsInWrapUp() {
            engine.configureQueue(new QueueConfig("billing", TENANT, Map.of("billing", 1), 0, null, null, null, null, null,
                    null, List.of(), null, Duration.ofSeconds(30)), T0);
            available("a", Map.of("billing", 1), 0);
            List<Decision> placed = engine.contactPlaced(ContactRequest.of("out", TENANT, Channel.VOICE, "billing", at(1)), "a", at(1));
            assertThat(placed).containsExactly(new Decision.Assigned("out", "billing", "a", null));
            assertThat(engine.activeContacts("a", Channel.VOICE)).isEqualTo(1);
            assertThat(engine.waitingCount("billing")).isZero();

            assertThat(only(arrive("in", "billing", Channel.VOICE, 2), Decision.Offered.class))
                    .as("no inbound call for an agent on their own call").isEmpty();
            List<Decision> ended = engine.endContact("out", at(60));
            assertThat(ended).contains(new Decision.Released("out", "a"),
                    new Decision.AgentStateChanged("a", AgentState.WRAP_UP, "after-contact work"));
            assertThat(offered(engine.tick(at(90))).contactId()).isEqualTo("in");
        }

        @Test
        void anAgentWhoIsAwayMayStillCallButOnlyForTheirOwnTenant() {
            billingQueue(Strategy.LONGEST_IDLE);
            engine.configureAgent(agent("a", Map.of("billing", 1)), T0);
            engine.setAgentState("a", AgentState.AWAY, T0);
            assertThat(engine.contactPlaced(ContactRequest.of("out", TENANT, Channel.VOICE, "billing", at(1)), "a", at(1)))
                    .containsExactly(new Decision.Assigned("out", "billing", "a", null));
            assertThat(engine.agentState("a")).contains(AgentState.AWAY);

            engine.configureAgent(new AgentProfile("stranger", Set.of("globex"), Map.of("billing", 1), Map.of(Channel.VOICE, 1), false), T0);
            assertThatThrownBy(() -> engine.contactPlaced(ContactRequest.of("out-2", TENANT, Channel.VOICE, "billing", at(2)), "stranger",
                    at(2))).isInstanceOf(RoutingException.class);
            assertThatThrownBy(() -> engine.contactPlaced(ContactRequest.of("out", TENANT, Channel.VOICE, "billing", at(3)), "a", at(3)))
                    .as("placed twice").isInstanceOf(RoutingException.class);
        }

        @Test
        void signingOffDoesNotPutAnAgentsOwnCallInTheQueueNorDoesARestore() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("a", Map.of("billing", 1), 0);
            available("b", Map.of("billing", 1), 0);
            engine.contactPlaced(ContactRequest.of("out", TENANT, Channel.VOICE, "billing", at(1)), "a", at(1));
            assertThat(engine.setAgentState("a", AgentState.OFFLINE, at(2))).as("not released, not offered to b").isEmpty();
            assertThat(engine.activeContacts("a", Channel.VOICE)).isEqualTo(1);

            RoutingEngine restored = new RoutingEngine();
            restored.defineSkills(Set.of("billing"));
            restored.configureQueue(QueueConfig.simple("billing", TENANT, Map.of("billing", 1)), T0);
            restored.configureAgent(agent("a", Map.of("billing", 1)), T0);
            restored.configureAgent(agent("b", Map.of("billing", 1)), T0);
            restored.setAgentState("b", AgentState.AVAILABLE, T0);
            restored.restoreContact(ContactRequest.of("out", TENANT, Channel.VOICE, "billing", at(1)), List.of(), 0, "a", null, null,
                    true, at(1));
            assertThat(restored.setAgentState("a", AgentState.OFFLINE, at(3))).as("after a restart too").isEmpty();
        }
    }

    @Nested
    class Capacity {

        @Test
        void chatCapacityIsRespected() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("a", Map.of("billing", 1), 0);
            for (int i = 1; i <= 3; i++) {
                assertThat(offered(arrive("c" + i, "billing", Channel.CHAT, i)).agentId()).isEqualTo("a");
            }
            assertThat(only(arrive("c4", "billing", Channel.CHAT, 4), Decision.Offered.class)).isEmpty();
            assertThat(engine.activeContacts("a", Channel.CHAT)).isEqualTo(3);
        }

        @Test
        void aLiveCallBlocksDigitalWorkUnlessTheAgentBlends() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("solo", Map.of("billing", 1), 0);
            offered(arrive("call", "billing", Channel.VOICE, 1));
            assertThat(only(arrive("chat", "billing", Channel.CHAT, 2), Decision.Offered.class)).isEmpty();

            engine.configureAgent(new AgentProfile("blender", Set.of(TENANT), Map.of("billing", 1),
                    Map.of(Channel.VOICE, 1, Channel.CHAT, 2), true), at(3));
            List<Decision> decisions = engine.setAgentState("blender", AgentState.AVAILABLE, at(3));
            assertThat(offered(decisions).contactId()).isEqualTo("chat");
            assertThat(offered(arrive("call-2", "billing", Channel.VOICE, 4)).agentId()).as("blending takes a call beside a chat")
                    .isEqualTo("blender");
        }
    }

    @Nested
    class Offers {

        @BeforeEach
        void twoAgents() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("first", Map.of("billing", 1), 0);
            available("second", Map.of("billing", 1), 1);
        }

        @Test
        void acceptingAssigns() {
            Decision.Offered offer = offered(arrive("c1", "billing", Channel.VOICE, 5));
            assertThat(offer.expiresAt()).isEqualTo(at(25));
            assertThat(engine.acceptOffer("c1", offer.offerId(), "first", at(6)))
                    .containsExactly(new Decision.Assigned("c1", "billing", "first", offer.offerId()));
        }

        @Test
        void aDeclinedOfferGoesToAnotherAgentAndKeepsItsPlace() {
            arrive("c0", "billing", Channel.VOICE, 2);
            arrive("c0b", "billing", Channel.VOICE, 3);
            // Both agents are busy; the next contacts wait behind nobody else.
            arrive("c1", "billing", Channel.VOICE, 4);
            arrive("c2", "billing", Channel.VOICE, 5);
            assertThat(engine.waitingContacts("billing")).containsExactly("c1", "c2");
            Decision.Offered offerToFirst = offered(engine.endContact("c0", at(6)));
            assertThat(offerToFirst.contactId()).isEqualTo("c1");
            List<Decision> declined = engine.rejectOffer("c1", offerToFirst.offerId(), "first", at(7));
            assertThat(declined.get(0)).isEqualTo(new Decision.OfferEnded("c1", "billing", "first", offerToFirst.offerId(),
                    OfferOutcome.DECLINED));
            assertThat(offered(declined).contactId()).as("the free agent takes the next contact, not the declined one")
                    .isEqualTo("c2");
            assertThat(engine.waitingContacts("billing")).as("back at its original place").containsExactly("c1");
            Decision.Offered toSecond = offered(engine.endContact("c0b", at(8)));
            assertThat(toSecond).extracting(Decision.Offered::contactId, Decision.Offered::agentId).containsExactly("c1", "second");
        }

        @Test
        void aTimedOutOfferIsReofferedToAnotherAgent() {
            Decision.Offered offer = offered(arrive("c1", "billing", Channel.VOICE, 5));
            List<Decision> timedOut = engine.tick(at(25));
            assertThat(timedOut.get(0)).isEqualTo(new Decision.OfferEnded("c1", "billing", "first", offer.offerId(), OfferOutcome.TIMED_OUT));
            Decision.Offered reoffer = offered(timedOut);
            assertThat(reoffer.agentId()).isEqualTo("second");
            assertThat(reoffer.offerId()).isNotEqualTo(offer.offerId());
        }

        @Test
        void anAgentWhoMissesThreeOffersInARowIsSetAway() {
            engine.setAgentState("second", AgentState.AWAY, at(2));
            offered(arrive("c1", "billing", Channel.VOICE, 5));
            offered(engine.tick(at(25)));
            offered(engine.tick(at(45)));
            List<Decision> third = engine.tick(at(65));
            assertThat(third).contains(new Decision.AgentStateChanged("first", AgentState.AWAY, "3 offers missed in a row"));
            assertThat(only(third, Decision.Offered.class)).isEmpty();
            assertThat(engine.agentState("first")).contains(AgentState.AWAY);
            assertThat(engine.waitingContacts("billing")).containsExactly("c1");
        }

        @Test
        void theOnlyEligibleAgentGetsAMissedContactAgain() {
            engine.setAgentState("second", AgentState.AWAY, at(2));
            Decision.Offered offer = offered(arrive("c1", "billing", Channel.VOICE, 5));
            Decision.Offered again = offered(engine.rejectOffer("c1", offer.offerId(), "first", at(6)));
            assertThat(again.agentId()).isEqualTo("first");
        }

        @Test
        void anExpiredOfferCannotBeAccepted() {
            Decision.Offered offer = offered(arrive("c1", "billing", Channel.VOICE, 5));
            List<Decision> late = engine.acceptOffer("c1", offer.offerId(), "first", at(30));
            assertThat(only(late, Decision.Assigned.class)).isEmpty();
            assertThat(late.get(0)).isInstanceOf(Decision.OfferEnded.class);
            assertThatThrownBy(() -> engine.acceptOffer("c1", offer.offerId(), "first", at(31)))
                    .isInstanceOf(RoutingException.class).hasMessageContaining("not open");
        }

        @Test
        void anotherAgentsOfferIsRefusedAndNothingChanges() {
            Decision.Offered offer = offered(arrive("c1", "billing", Channel.VOICE, 5));
            assertThatThrownBy(() -> engine.acceptOffer("c1", offer.offerId(), "second", at(6)))
                    .isInstanceOf(RoutingException.class).hasMessageContaining("another agent");
            assertThat(engine.acceptOffer("c1", offer.offerId(), "first", at(7))).hasSize(1);
        }
    }

    @Nested
    class Waiting {

        @Test
        void relaxationLowersTheMinimumAsTimePasses() {
            engine.configureQueue(new QueueConfig("loans", TENANT, Map.of("loans", 4, "spanish", 3), 0, null, null, null,
                    null, null, null, List.of(new QueueConfig.Relaxation(Duration.ofSeconds(30), "loans", 2),
                            new QueueConfig.Relaxation(Duration.ofSeconds(60), "spanish", null)), null, null), T0);
            available("mid-loans-no-spanish", Map.of("loans", 2), 0);
            available("mid-loans-spanish", Map.of("loans", 2, "spanish", 3), 1);
            arrive("c1", "loans", Channel.VOICE, 0);
            assertThat(only(engine.tick(at(29)), Decision.Offered.class)).isEmpty();
            Decision.Offered offer = offered(engine.tick(at(30)));
            assertThat(offer.agentId()).isEqualTo("mid-loans-spanish");
            engine.acceptOffer("c1", offer.offerId(), offer.agentId(), at(31));

            arrive("c2", "loans", Channel.VOICE, 31);
            assertThat(only(engine.tick(at(90)), Decision.Offered.class)).as("spanish still required").isEmpty();
            assertThat(offered(engine.tick(at(91))).agentId()).as("spanish dropped after 60 s").isEqualTo("mid-loans-no-spanish");
        }

        @Test
        void maxWaitOverflowsOrAbandons() {
            engine.configureQueue(QueueConfig.simple("general", TENANT, Map.of()), T0);
            engine.configureQueue(new QueueConfig("billing", TENANT, Map.of("billing", 1), 0, null, null, null, null,
                    Duration.ofSeconds(60), "general", List.of(), null, null), T0);
            engine.configureQueue(new QueueConfig("loans", TENANT, Map.of("loans", 1), 0, null, null, null, null,
                    Duration.ofSeconds(60), null, List.of(), null, null), T0);
            arrive("c1", "billing", Channel.VOICE, 0);
            arrive("c2", "loans", Channel.VOICE, 0);
            List<Decision> decisions = engine.tick(at(60));
            assertThat(decisions).contains(new Decision.Overflowed("c1", "billing", "general", Decision.OverflowReason.MAX_WAIT_EXCEEDED));
            assertThat(decisions).contains(new Decision.Abandoned("c2", "loans", Duration.ofSeconds(60), AbandonReason.MAX_WAIT_EXCEEDED));
            available("generalist", Map.of(), 61);
            assertThat(engine.waitingContacts("general")).isEmpty();
        }

        @Test
        void outsideBusinessHoursContactsOverflowOrWait() {
            var hours = new QueueConfig.BusinessHours(ZoneId.of("Europe/Madrid"),
                    List.of(new QueueConfig.Opening(DayOfWeek.WEDNESDAY, LocalTime.of(8, 0), LocalTime.of(9, 0))),
                    QueueConfig.OutsideHours.OVERFLOW);
            engine.configureQueue(QueueConfig.simple("follow-the-sun", TENANT, Map.of()), T0);
            engine.configureQueue(new QueueConfig("madrid", TENANT, Map.of(), 0, null, null, null, null, null,
                    "follow-the-sun", List.of(), hours, null), T0);
            // 10:00 UTC is 11:00 in Madrid: closed.
            assertThat(arrive("c1", "madrid", Channel.CHAT, 0))
                    .contains(new Decision.Overflowed("c1", "madrid", "follow-the-sun", Decision.OverflowReason.OUTSIDE_HOURS));
            engine.configureQueue(new QueueConfig("madrid-wait", TENANT, Map.of(), 0, null, null, null, null, null,
                    "follow-the-sun", List.of(), new QueueConfig.BusinessHours(hours.zone(), hours.weekly(),
                            QueueConfig.OutsideHours.WAIT), null), T0);
            arrive("c2", "madrid-wait", Channel.CHAT, 1);
            assertThat(engine.waitingContacts("madrid-wait")).containsExactly("c2");
        }

        @Test
        void aClosedQueueOffersNothingUntilItOpensThenServesItsWaitingContacts() {
            // Wednesday 2026-11-25, 10:00 UTC = 11:00 in Madrid; the queue opens at 12:00 Madrid time.
            var hours = new QueueConfig.BusinessHours(ZoneId.of("Europe/Madrid"),
                    List.of(new QueueConfig.Opening(DayOfWeek.WEDNESDAY, LocalTime.of(12, 0), LocalTime.of(18, 0))),
                    QueueConfig.OutsideHours.WAIT);
            engine.configureQueue(new QueueConfig("madrid", TENANT, Map.of(), 0, null, null, null, null, null, null, List.of(), hours,
                    null), T0);
            available("a", Map.of(), 0);
            assertThat(engine.isQueueOpen("madrid", at(1))).isFalse();
            assertThat(only(arrive("c1", "madrid", Channel.CHAT, 1), Decision.Offered.class)).as("closed: no offer").isEmpty();
            assertThat(only(engine.setAgentState("a", AgentState.AVAILABLE, at(2)), Decision.Offered.class)).isEmpty();
            assertThat(only(engine.tick(at(3599)), Decision.Offered.class)).as("a second before opening").isEmpty();
            Decision.Offered offer = offered(engine.tick(at(3600)));
            assertThat(offer.contactId()).isEqualTo("c1");
            assertThat(offer.agentId()).isEqualTo("a");
        }

        @Test
        void aHolidayKeepsTheQueueClosedAllDayAndItOpensOnTheNextWorkingDay() {
            var weekdays = java.util.stream.Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY).map(d -> new QueueConfig.Opening(d, LocalTime.of(8, 0), LocalTime.of(18, 0))).toList();
            var hours = new QueueConfig.BusinessHours(ZoneId.of("Europe/London"), weekdays, QueueConfig.OutsideHours.WAIT,
                    Set.of(java.time.LocalDate.of(2026, 11, 25), java.time.LocalDate.of(2026, 11, 26)));
            assertThat(hours.isOpen(T0)).as("10:00 on a Wednesday that is a holiday").isFalse();
            assertThat(hours.nextOpening(T0)).contains(Instant.parse("2026-11-27T08:00:00Z"));
            engine.configureQueue(new QueueConfig("london", TENANT, Map.of(), 0, null, null, null, null, null, null, List.of(), hours,
                    null), T0);
            available("a", Map.of(), 0);
            assertThat(only(arrive("c1", "london", Channel.EMAIL, 1), Decision.Offered.class)).isEmpty();
            assertThat(only(engine.tick(Instant.parse("2026-11-26T12:00:00Z")), Decision.Offered.class)).as("second holiday").isEmpty();
            assertThat(offered(engine.tick(Instant.parse("2026-11-27T08:00:00Z"))).contactId()).isEqualTo("c1");
        }

        @Test
        void hoursThatNeverOpenHaveNoNextOpening() {
            var never = new QueueConfig.BusinessHours(ZoneId.of("UTC"), List.of(), QueueConfig.OutsideHours.WAIT);
            assertThat(never.nextOpening(T0)).isEmpty();
        }

        @Test
        void abandoningWhileOfferedFreesTheAgent() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("a", Map.of("billing", 1), 0);
            Decision.Offered offer = offered(arrive("c1", "billing", Channel.VOICE, 1));
            arrive("c2", "billing", Channel.VOICE, 2);
            List<Decision> decisions = engine.endContact("c1", at(5));
            assertThat(decisions).containsSequence(
                    new Decision.OfferEnded("c1", "billing", "a", offer.offerId(), OfferOutcome.WITHDRAWN),
                    new Decision.Abandoned("c1", "billing", Duration.ofSeconds(4), AbandonReason.CUSTOMER_LEFT));
            assertThat(offered(decisions).contactId()).isEqualTo("c2");
            assertThat(engine.endContact("c2", at(6))).isNotEmpty();
            assertThat(engine.contactCount()).isZero();
        }

        @Test
        void aTransferKeepsTheOriginalArrivalTime() {
            billingQueue(Strategy.LONGEST_IDLE);
            engine.configureQueue(QueueConfig.simple("loans", TENANT, Map.of("loans", 1)), T0);
            available("a", Map.of("billing", 1), 0);
            engine.acceptOffer("c1", offered(arrive("c1", "billing", Channel.VOICE, 1)).offerId(), "a", at(2));
            arrive("waiting-loans", "loans", Channel.VOICE, 50);
            List<Decision> decisions = engine.transferToQueue("c1", "loans", at(100));
            assertThat(decisions).contains(new Decision.Released("c1", "a"), new Decision.Transferred("c1", "billing", "loans", null));
            assertThat(engine.waitingContacts("loans")).containsExactly("c1", "waiting-loans");
        }

        @Test
        void aTransferToANamedAgentIsReservedForThem() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("a", Map.of("billing", 1), 0);
            available("b", Map.of("billing", 1), 1);
            engine.acceptOffer("c1", offered(arrive("c1", "billing", Channel.VOICE, 2)).offerId(), "a", at(3));
            engine.acceptOffer("c2", offered(arrive("c2", "billing", Channel.VOICE, 4)).offerId(), "b", at(5));
            List<Decision> decisions = engine.transferToAgent("c1", "b", at(10));
            assertThat(only(decisions, Decision.Offered.class)).as("a is free but the contact is reserved for b").isEmpty();
            assertThat(offered(engine.endContact("c2", at(20))).agentId()).isEqualTo("b");
        }

        @Test
        void loggingOutWithContactsInFlightRequeuesThem() {
            billingQueue(Strategy.LONGEST_IDLE);
            available("leaving", Map.of("billing", 1), 0);
            engine.acceptOffer("chat-1", offered(arrive("chat-1", "billing", Channel.CHAT, 1)).offerId(), "leaving", at(2));
            offered(arrive("chat-2", "billing", Channel.CHAT, 3));
            engine.configureAgent(agent("staying", Map.of("billing", 1)), at(4));
            engine.setAgentState("staying", AgentState.AWAY, at(4));
            List<Decision> decisions = engine.setAgentState("leaving", AgentState.OFFLINE, at(5));
            assertThat(decisions).contains(new Decision.Released("chat-1", "leaving"));
            assertThat(engine.waitingContacts("billing")).containsExactly("chat-1", "chat-2");
            List<Decision> back = engine.setAgentState("staying", AgentState.AVAILABLE, at(6));
            assertThat(only(back, Decision.Offered.class)).extracting(Decision.Offered::contactId).containsExactly("chat-1", "chat-2");
        }
    }

    @Nested
    class BadInput {

        @Test
        void badConfigurationIsRefusedAndChangesNothing() {
            billingQueue(Strategy.LONGEST_IDLE);
            assertThatThrownBy(() -> engine.configureQueue(QueueConfig.simple("q", TENANT, Map.of("juggling", 1)), T0))
                    .isInstanceOf(RoutingException.class).hasMessageContaining("unknown skill juggling");
            assertThatThrownBy(() -> engine.configureAgent(new AgentProfile("a", Set.of(TENANT), Map.of("billing", 1),
                    Map.of(Channel.CHAT, -1), false), T0)).hasMessageContaining("negative capacity");
            assertThatThrownBy(() -> engine.configureAgent(agent("a", Map.of("billing", 7)), T0)).hasMessageContaining("1 to 5");
            engine.configureQueue(new QueueConfig("x", TENANT, Map.of(), 0, null, null, null, null, Duration.ofSeconds(5), "y",
                    List.of(), null, null), T0);
            engine.configureQueue(new QueueConfig("y", TENANT, Map.of(), 0, null, null, null, null, Duration.ofSeconds(5), "z",
                    List.of(), null, null), T0);
            assertThatThrownBy(() -> engine.configureQueue(new QueueConfig("z", TENANT, Map.of(), 0, null, null, null, null,
                    Duration.ofSeconds(5), "x", List.of(), null, null), T0)).hasMessageContaining("overflow cycle");
            assertThatThrownBy(() -> engine.configureQueue(new QueueConfig("r", TENANT, Map.of("billing", 3), 0, null, null,
                    null, null, null, null, List.of(new QueueConfig.Relaxation(Duration.ofSeconds(10), "loans", 1)), null, null), T0))
                    .hasMessageContaining("does not require");
            assertThat(engine.queueIds()).containsExactlyInAnyOrder("billing", "x", "y");
            assertThat(engine.agentIds()).isEmpty();
        }

        @Test
        void badContactsAreRefusedAndChangeNothing() {
            billingQueue(Strategy.LONGEST_IDLE);
            engine.configureAgent(new AgentProfile("other-tenant", Set.of("globex"), Map.of("billing", 1), Map.of(), false), T0);
            arrive("c1", "billing", Channel.VOICE, 0);
            assertThatThrownBy(() -> arrive("c1", "billing", Channel.VOICE, 1)).hasMessageContaining("already being routed");
            assertThatThrownBy(() -> engine.contactArrived(ContactRequest.of("c2", "globex", Channel.VOICE, "billing", at(1)), at(1)))
                    .hasMessageContaining("belongs to tenant acme");
            assertThatThrownBy(() -> engine.contactArrived(new ContactRequest("c3", TENANT, Channel.VOICE, "billing", 0, at(1),
                    "other-tenant"), at(1))).hasMessageContaining("does not serve tenant acme");
            assertThatThrownBy(() -> engine.transferToAgent("c1", "other-tenant", at(2))).hasMessageContaining("does not serve");
            assertThatThrownBy(() -> arrive("c4", "nope", Channel.VOICE, 1)).hasMessageContaining("unknown queue nope");
            assertThat(engine.waitingContacts("billing")).containsExactly("c1");
            assertThat(engine.contactCount()).isEqualTo(1);
        }
    }

    @Test
    void theSameInputsGiveTheSameDecisions() {
        assertThat(script(new RoutingEngine())).isEqualTo(script(new RoutingEngine()));
    }

    @Test
    void aRestoredEngineResumesOffersAndWaitingContacts() {
        billingQueue(Strategy.LONGEST_IDLE);
        engine.configureAgent(agent("a", Map.of("billing", 1)), T0);
        engine.configureAgent(agent("b", Map.of("billing", 1)), T0);
        engine.restoreAgent("a", AgentState.AVAILABLE, at(0), null, 0);
        engine.restoreAgent("b", AgentState.AVAILABLE, at(1), null, 0);
        engine.restoreContact(ContactRequest.of("offered", TENANT, Channel.VOICE, "billing", at(2)), List.of(), 1, "a",
                "offered#1", at(22), false, at(2));
        engine.restoreContact(ContactRequest.of("assigned", TENANT, Channel.VOICE, "billing", at(3)), List.of(), 1, "b",
                "assigned#1", null, true, at(3));
        engine.restoreContact(ContactRequest.of("waiting", TENANT, Channel.VOICE, "billing", at(4)), List.of(), 0, null,
                null, null, false, at(4));
        List<Decision> decisions = engine.tick(at(22));
        assertThat(decisions.get(0)).isEqualTo(new Decision.OfferEnded("offered", "billing", "a", "offered#1", OfferOutcome.TIMED_OUT));
        assertThat(offered(decisions)).as("a missed 'offered', so it takes the next contact while b is busy")
                .extracting(Decision.Offered::contactId, Decision.Offered::agentId).containsExactly("waiting", "a");
        assertThat(offered(engine.endContact("assigned", at(30))))
                .extracting(Decision.Offered::contactId, Decision.Offered::agentId, Decision.Offered::offerId)
                .containsExactly("offered", "b", "offered#2");
    }

    private static List<Decision> script(RoutingEngine engine) {
        engine.defineSkills(Set.of("billing"));
        engine.configureQueue(QueueConfig.simple("billing", TENANT, Map.of("billing", 1)), T0);
        for (int i = 0; i < 5; i++) {
            engine.configureAgent(agent("a" + i, Map.of("billing", 1 + i % 5)), T0);
            engine.setAgentState("a" + i, AgentState.AVAILABLE, at(i));
        }
        List<Decision> all = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.addAll(engine.contactArrived(ContactRequest.of("c" + i, TENANT, Channel.CHAT, "billing", at(10 + i)), at(10 + i)));
        }
        all.addAll(engine.tick(at(100)));
        return all;
    }
}
