package io.switchboard.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactRejected;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.TransferRequested;
import io.switchboard.events.Direction;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;

/** The translation between events and the engine, without Kafka or a database. */
class DomainRouterTest {

    static final Instant NOW = Instant.parse("2026-11-25T23:30:00Z");

    final DomainRouter router = new DomainRouter("center", 3);

    @Test
    void presenceThatOvertakesTheAgentsConfigurationIsAppliedWhenItArrives() {
        configure();
        router.handle(new AgentStateChanged(UUID.randomUUID(), "acme", NOW, "alice", AgentStateChanged.State.AVAILABLE, null, null), NOW);
        Outcome queued = router.handle(contact("c1", "widget-acme"), NOW);
        assertThat(queued.events()).hasSize(1).first().isInstanceOf(ContactQueued.class);

        Outcome configured = router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"),
                Map.of("billing", 3), Map.of(Channel.CHAT, 2), false, true), NOW);
        assertThat(configured.events()).anySatisfy(e -> assertThat(e).isInstanceOf(ContactOffered.class));
    }

    @Test
    void theQueueComesFromTheEntryPointOrTheTenantsDefault() {
        configure();
        assertThat(((ContactQueued) router.handle(contact("c1", "widget-acme"), NOW).events().get(0)).queueId()).isEqualTo("billing");
        assertThat(((ContactQueued) router.handle(contact("c2", "unknown"), NOW).events().get(0)).queueId()).isEqualTo("general");
        assertThat(router.handle(new ContactCreated(UUID.randomUUID(), "nobody", NOW, "c3", Channel.CHAT, Direction.INBOUND, "x",
                Address.chatVisitor("v"), null, Map.of(), null, "hi", List.of(), "en", 0, Map.of()), NOW).deadLetter())
                .hasValueSatisfying(refusal -> assertThat(refusal.kind()).isEqualTo(Refusal.Kind.UNKNOWN_TENANT));
    }

    @Test
    void aCallersIvrChoiceOfOneOfTheTenantsQueuesWinsOverTheEntryPointsQueue() {
        configure();
        router.handle(new QueueConfigured(UUID.randomUUID(), "globex", NOW, "globex-vip", "VIP", Map.of(), 0, null,
                QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, false, true), NOW);
        assertThat(((ContactQueued) router.handle(call("c1", Map.of(ContactCreated.CHOSEN_QUEUE, "general")), NOW).events().get(0))
                .queueId()).isEqualTo("general");
        assertThat(((ContactQueued) router.handle(call("c2", Map.of(ContactCreated.CHOSEN_QUEUE, "globex-vip")), NOW).events().get(0))
                .queueId()).as("another tenant's queue is not a choice").isEqualTo("billing");
        assertThat(((ContactQueued) router.handle(call("c3", Map.of(ContactCreated.CHOSEN_QUEUE, "nowhere")), NOW).events().get(0))
                .queueId()).isEqualTo("billing");
    }

    private static ContactCreated call(String id, Map<String, String> metadata) {
        return new ContactCreated(UUID.nameUUIDFromBytes(id.getBytes()), "acme", NOW, id, Channel.VOICE, Direction.INBOUND, "+81312345678",
                Address.phone("+81312345679", "JP"), null, Map.of(), null, null, List.of(), "en", 0, metadata);
    }

    @Test
    void aQueuesAgentSelectionDecidesWhichWaitingContactAFreedAgentTakes() {
        configure();
        for (String queue : List.of("general", "billing")) {
            router.handle(new QueueConfigured(UUID.randomUUID(), "acme", NOW, queue, queue,
                    queue.equals("billing") ? Map.of("billing", 2) : Map.of("loans", 1), 0, null, QueueConfigured.Strategy.LONGEST_IDLE,
                    0, 20, 0, null, List.of(), null, false, true, 0, List.of(), List.of(), QueueConfigured.AgentSelection.PRIMARY_FIRST),
                    NOW);
        }
        // Billing is alice's strongest skill; loans (the general queue here) her second.
        router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"),
                Map.of("billing", 5, "loans", 2), Map.of(Channel.CHAT, 1), false, true), NOW);
        router.handle(new AgentStateChanged(UUID.randomUUID(), "acme", NOW, "alice", AgentStateChanged.State.AVAILABLE, null, null), NOW);
        ContactOffered first = (ContactOffered) router.handle(contact("c0", "widget-acme"), NOW).events().stream()
                .filter(ContactOffered.class::isInstance).findFirst().orElseThrow();
        router.handle(new OfferAnswered(UUID.randomUUID(), "acme", NOW, "alice", "c0", first.offerId(), OfferAnswered.Answer.ACCEPTED), NOW);
        router.handle(contact("c-general", "unknown"), NOW.plusSeconds(1));
        router.handle(contact("c-billing", "widget-acme"), NOW.plusSeconds(2));
        Outcome freed = router.handle(new ContactEnded(UUID.randomUUID(), "acme", NOW.plusSeconds(3), "c0", Channel.CHAT,
                ContactEnded.Reason.CUSTOMER_LEFT, null, null, null, null, null), NOW.plusSeconds(3));
        assertThat(freed.events()).filteredOn(ContactOffered.class::isInstance).extracting(e -> ((ContactOffered) e).contactId())
                .as("the newer billing chat first: billing is her primary skill").containsExactly("c-billing");
    }

    @Test
    void outputIdsDeriveFromTheInputSoReprocessingRepublishesTheSameIds() {
        configure();
        DomainRouter twin = new DomainRouter("center", 3);
        configure(twin);
        ContactCreated contact = contact("c1", "widget-acme");
        assertThat(router.handle(contact, NOW).events().get(0).eventId()).isEqualTo(twin.handle(contact, NOW).events().get(0).eventId());
    }

    @Test
    void theDayOfTheStatisticsIsTheTenantsDay() {
        configure();
        router.handle(contact("c1", "widget-acme"), NOW);
        QueueStatsReported billing = router.stats(NOW).stream().filter(s -> s.queueId().equals("billing")).findFirst().orElseThrow();
        // 23:30 UTC is already the next day in Tokyo.
        assertThat(billing.day()).isEqualTo(java.time.LocalDate.of(2026, 11, 26));
        assertThat(billing.offeredToday()).isEqualTo(1);
        assertThat(billing.waiting()).isEqualTo(1);
        assertThat(router.day("billing", NOW.plusSeconds(86_400)).offeredCount()).as("a new day starts afresh").isZero();
    }

    @Test
    void twoTenantsOfOneDomainCannotShareAQueueId() {
        configure();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.handle(new QueueConfigured(UUID.randomUUID(), "globex", NOW,
                "billing", "billing", Map.of(), 0, null, QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, false, true),
                NOW)).isInstanceOf(io.switchboard.routing.engine.RoutingException.class).hasMessageContaining("already used by tenant acme");
    }

    @Test
    void onlyTheAgentHoldingAContactMayTransferIt() {
        configure();
        router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"),
                Map.of("billing", 3), Map.of(Channel.CHAT, 2), false, true), NOW);
        router.handle(new AgentStateChanged(UUID.randomUUID(), "acme", NOW, "alice", AgentStateChanged.State.AVAILABLE, null, null), NOW);
        ContactOffered offer = (ContactOffered) router.handle(contact("c1", "widget-acme"), NOW).events().stream()
                .filter(ContactOffered.class::isInstance).findFirst().orElseThrow();
        router.handle(new OfferAnswered(UUID.randomUUID(), "acme", NOW, "alice", "c1", offer.offerId(), OfferAnswered.Answer.ACCEPTED), NOW);

        Outcome stranger = router.handle(new TransferRequested(UUID.randomUUID(), "acme", NOW, "bob", "c1", "general", null, null), NOW);
        assertThat(stranger.events()).singleElement().isInstanceOfSatisfying(ContactRejected.class,
                r -> assertThat(r.reason()).isEqualTo(ContactRejected.Reason.TRANSFER_REFUSED));
        Outcome unknownQueue = router.handle(new TransferRequested(UUID.randomUUID(), "acme", NOW, "alice", "c1", "nowhere", null, null), NOW);
        assertThat(unknownQueue.events()).singleElement().isInstanceOf(ContactRejected.class);

        Outcome moved = router.handle(new TransferRequested(UUID.randomUUID(), "acme", NOW, "alice", "c1", "general", null, "not billing"), NOW);
        assertThat(moved.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ContactTransferred.class, t -> {
            assertThat(t.fromQueueId()).isEqualTo("billing");
            assertThat(t.toQueueId()).isEqualTo("general");
            assertThat(t.byAgentId()).isEqualTo("alice");
            assertThat(t.reason()).isEqualTo("not billing");
        }));
    }

    @Test
    void anOutboundCallIsTheCallingAgentsAtOnceAndNotCountedAsAnOfferedContact() {
        configure();
        router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"),
                Map.of("billing", 3), Map.of(Channel.VOICE, 1), false, true), NOW);
        Outcome placed = router.handle(outbound("out-1", "alice"), NOW);
        assertThat(placed.events()).singleElement().isInstanceOfSatisfying(ContactAssigned.class, a -> {
            assertThat(a.agentId()).isEqualTo("alice");
            assertThat(a.queueId()).isEqualTo("billing");
            assertThat(a.offerId()).isNull();
        });
        assertThat(router.day("billing", NOW).offeredCount()).isZero();
        assertThat(router.day("billing", NOW).answeredCount()).isZero();
        assertThat(router.handle(outbound("out-1", "alice"), NOW).events()).as("a replay changes nothing").isEmpty();

        Outcome ended = router.handle(new ContactEnded(UUID.randomUUID(), "acme", NOW, "out-1", Channel.VOICE,
                ContactEnded.Reason.CUSTOMER_LEFT, null, 0L, 0L, 42L, 0L), NOW);
        assertThat(ended.agents()).contains("alice");
        assertThat(router.engine().activeContacts("alice", Channel.VOICE)).isZero();

        assertThat(router.handle(outbound("out-2", "mallory"), NOW).deadLetter()).as("an agent routing does not know")
                .hasValueSatisfying(refusal -> {
                    assertThat(refusal.text()).contains("no known agent");
                    assertThat(refusal.field()).isEqualTo("metadata." + ContactCreated.PLACED_BY);
                });
    }

    @Test
    void aCampaignsAnsweredCallWaitsInTheCampaignsQueueAndIsOfferedAndCountedLikeAnInboundOne() {
        configure();
        router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"),
                Map.of(), Map.of(Channel.VOICE, 1), false, true), NOW);
        router.handle(new AgentStateChanged(UUID.randomUUID(), "acme", NOW, "alice", AgentStateChanged.State.AVAILABLE, null, null), NOW);
        ContactCreated answered = new ContactCreated(UUID.nameUUIDFromBytes("camp-1".getBytes()), "acme", NOW, "camp-1", Channel.VOICE,
                Direction.OUTBOUND, "+81312345678", Address.phone("+81312345670", null), Address.phone("+81312345678", null), Map.of(),
                null, null, List.of(), null, 0, Map.of(CampaignCallRequested.CAMPAIGN_ID, "renewals", CampaignCallRequested.RECORD_ID, "r-1",
                        ContactCreated.CHOSEN_QUEUE, "general"));

        Outcome outcome = router.handle(answered, NOW);

        assertThat(outcome.deadLetter()).isEmpty();
        assertThat(outcome.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ContactQueued.class,
                q -> assertThat(q.queueId()).as("the campaign's queue, not the caller id's").isEqualTo("general")));
        assertThat(outcome.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ContactOffered.class,
                o -> assertThat(o.agentId()).isEqualTo("alice")));
        assertThat(router.day("general", NOW).offeredCount()).isEqualTo(1);
    }

    private static ContactCreated outbound(String id, String agent) {
        return new ContactCreated(UUID.nameUUIDFromBytes(id.getBytes()), "acme", NOW, id, Channel.VOICE, Direction.OUTBOUND,
                "+81312345678", Address.phone("+81312345678", null), Address.phone("+81312345679", null), Map.of(), null, null,
                List.of(), null, 0, Map.of(ContactCreated.PLACED_BY, agent));
    }

    @Test
    void aWrittenContactWaitingInAClosedQueueIsSentTheClosedMessageOnceAndACallWithoutAClosedPromptIsNot() {
        configure();
        // NOW is 08:30 on a Thursday in Tokyo; the night queue opens at 09:00 and is closed on its holiday.
        var hours = new QueueConfigured.BusinessHours("Asia/Tokyo", List.of(new QueueConfigured.BusinessHours.Opening(
                java.time.DayOfWeek.THURSDAY, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0))),
                QueueConfigured.BusinessHours.OutsideHours.WAIT, List.of(), "We open at 9:00 Tokyo time.");
        router.handle(new QueueConfigured(UUID.randomUUID(), "acme", NOW, "billing", "Billing", Map.of("billing", 2), 0, null,
                QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), hours, false, true, 30, List.of(), List.of()), NOW);
        router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"), Map.of("billing", 3),
                Map.of(Channel.CHAT, 2, Channel.VOICE, 1), false, true), NOW);
        router.handle(new AgentStateChanged(UUID.randomUUID(), "acme", NOW, "alice", AgentStateChanged.State.AVAILABLE, null, null), NOW);

        Outcome chat = router.handle(contact("c1", "widget-acme"), NOW);
        assertThat(chat.events()).noneMatch(ContactOffered.class::isInstance);
        assertThat(chat.events()).filteredOn(ReplyRequested.class::isInstance).singleElement().satisfies(e -> {
            ReplyRequested reply = (ReplyRequested) e;
            assertThat(reply.text()).isEqualTo("We open at 9:00 Tokyo time.");
            assertThat(reply.channel()).isEqualTo(Channel.CHAT);
            assertThat(reply.messageId()).isEqualTo("closed:c1");
            assertThat(reply.agentId()).isEqualTo(DomainRouter.CLOSED_MESSAGE_SENDER);
            assertThat(reply.metadata()).containsEntry("automated", "closed-hours");
        });
        assertThat(router.handle(call("c2", Map.of()), NOW).events()).as("without a closed prompt a caller hears the queue audio")
                .noneMatch(ReplyRequested.class::isInstance);

        Outcome opened = router.tick(NOW.plusSeconds(30 * 60));
        assertThat(opened.events()).filteredOn(ContactOffered.class::isInstance).extracting(e -> ((ContactOffered) e).contactId())
                .containsExactly("c1");
        assertThat(opened.events()).noneMatch(ReplyRequested.class::isInstance);
    }

    @Test
    void aCallerWaitingInAClosedQueueHearsItsClosedPromptOnce() {
        configure();
        var hours = new QueueConfigured.BusinessHours("Asia/Tokyo", List.of(new QueueConfigured.BusinessHours.Opening(
                java.time.DayOfWeek.THURSDAY, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0))),
                QueueConfigured.BusinessHours.OutsideHours.WAIT, List.of(), null, "closed-tokyo");
        router.handle(new QueueConfigured(UUID.randomUUID(), "acme", NOW, "billing", "Billing", Map.of("billing", 2), 0, null,
                QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), hours, false, true, 30, List.of(), List.of()), NOW);

        assertThat(router.handle(call("c1", Map.of()), NOW).events()).filteredOn(ReplyRequested.class::isInstance).singleElement()
                .satisfies(e -> {
                    ReplyRequested reply = (ReplyRequested) e;
                    assertThat(reply.channel()).isEqualTo(Channel.VOICE);
                    assertThat(reply.messageId()).isEqualTo("closed:c1");
                    assertThat(reply.metadata()).containsEntry(ReplyRequested.PROMPT, "closed-tokyo")
                            .containsEntry("automated", "closed-hours").containsEntry("queueId", "billing");
                });
        assertThat(router.handle(contact("c2", "widget-acme"), NOW).events()).as("no closed message for written contacts")
                .noneMatch(ReplyRequested.class::isInstance);
    }

    @Test
    void anAgentsCompletedWrapUpMakesThemAvailableBeforeTheirWrapUpTimeRunsOut() {
        configure();
        router.handle(new QueueConfigured(UUID.randomUUID(), "acme", NOW, "billing", "Billing", Map.of("billing", 2), 0, null,
                QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, false, true, 120,
                List.of(new QueueConfigured.Disposition("RESOLVED", "Resolved")), List.of()), NOW);
        router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"), Map.of("billing", 3),
                Map.of(Channel.CHAT, 1), false, true), NOW);
        router.handle(new AgentStateChanged(UUID.randomUUID(), "acme", NOW, "alice", AgentStateChanged.State.AVAILABLE, null, null), NOW);
        ContactOffered offer = (ContactOffered) router.handle(contact("c1", "widget-acme"), NOW).events().stream()
                .filter(ContactOffered.class::isInstance).findFirst().orElseThrow();
        router.handle(new OfferAnswered(UUID.randomUUID(), "acme", NOW, "alice", "c1", offer.offerId(), OfferAnswered.Answer.ACCEPTED), NOW);
        Outcome ended = router.handle(new ContactEnded(UUID.randomUUID(), "acme", NOW.plusSeconds(60), "c1", Channel.CHAT,
                ContactEnded.Reason.CUSTOMER_LEFT, null, null, null, null, null), NOW.plusSeconds(60));
        assertThat(ended.events()).filteredOn(AgentStateChanged.class::isInstance)
                .extracting(e -> ((AgentStateChanged) e).state()).containsExactly(AgentStateChanged.State.WRAP_UP);

        Outcome done = router.handle(new WrapUpCompleted(UUID.randomUUID(), "acme", NOW.plusSeconds(70), "alice", "c1", "billing",
                "RESOLVED", null), NOW.plusSeconds(70));
        assertThat(done.events()).filteredOn(AgentStateChanged.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AgentStateChanged) e).state()).isEqualTo(AgentStateChanged.State.AVAILABLE));
        assertThat(done.agents()).contains("alice");
    }

    private void configure() {
        configure(router);
    }

    private static void configure(DomainRouter router) {
        router.handle(new TenantConfigured(UUID.fromString("00000000-0000-4000-8000-000000000001"), "acme", NOW, "Acme", "Asia/Tokyo",
                "JP", "center", "general", List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"),
                        new TenantConfigured.EntryPoint(Channel.VOICE, "+81312345678", "billing"))), NOW);
        for (String queue : List.of("general", "billing")) {
            router.handle(new QueueConfigured(UUID.nameUUIDFromBytes(queue.getBytes()), "acme", NOW, queue, queue,
                    queue.equals("billing") ? Map.of("billing", 2) : Map.of(), 0, null, QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0,
                    null, List.of(), null, false, true), NOW);
        }
    }

    private static ContactCreated contact(String id, String entryPoint) {
        return new ContactCreated(UUID.nameUUIDFromBytes(id.getBytes()), "acme", NOW, id, Channel.CHAT, Direction.INBOUND, entryPoint,
                Address.chatVisitor("v-" + id), null, Map.of(), null, "hi", List.of(), "en", 0, Map.of());
    }
}
