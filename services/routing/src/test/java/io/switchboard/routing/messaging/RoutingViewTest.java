package io.switchboard.routing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.routing.domain.DomainRouter;

/** The view copies what the metrics need at every refresh, and the lists only while someone reads them. */
class RoutingViewTest {

    static final Instant NOW = Instant.now();

    final DomainRouter router = new DomainRouter("center", 3);
    final List<DomainRouter> routers = List.of(router);

    @Test
    void everyRefreshCopiesTheQueuesAndTheAgentsCountsByState() {
        RoutingView view = new RoutingView(Duration.ofSeconds(1));
        configureWithTwoWaitingContacts();
        view.refresh(routers);

        assertThat(view.queues()).extracting(RoutingView.QueueView::queueId).containsExactly("billing", "general");
        assertThat(view.queues()).filteredOn(q -> q.queueId().equals("billing")).singleElement()
                .satisfies(q -> assertThat(q.waiting()).isEqualTo(2));
        assertThat(view.agentsByState()).isEqualTo(Map.of("OFFLINE", 1));
    }

    @Test
    void theFirstReadOfTheWaitingContactsWaitsForTheRefreshThatCopiesThem() throws Exception {
        RoutingView view = new RoutingView(Duration.ofSeconds(1));
        configureWithTwoWaitingContacts();
        view.refresh(routers);

        CompletableFuture<List<RoutingView.WaitingContact>> read = CompletableFuture.supplyAsync(() -> view.waiting("acme", "billing"));
        Thread.sleep(300);
        assertThat(read).as("nobody had asked: the last refresh did not copy them").isNotDone();

        view.refresh(routers);
        assertThat(read.get(5, TimeUnit.SECONDS)).extracting(RoutingView.WaitingContact::contactId).containsExactly("c1", "c2");
        assertThat(view.waiting("acme", "billing")).as("copied from now on, read at once").hasSize(2);
        assertThat(view.waiting("acme", "nowhere")).isNull();
        assertThat(view.waiting("globex", "billing")).as("another tenant's queue of that id").isNull();
    }

    @Test
    void theFirstReadOfTheAgentsWaitsForTheRefreshThatCopiesThem() throws Exception {
        RoutingView view = new RoutingView(Duration.ofSeconds(1));
        configureWithTwoWaitingContacts();
        view.refresh(routers);

        CompletableFuture<List<RoutingView.AgentView>> read = CompletableFuture.supplyAsync(view::agents);
        Thread.sleep(300);
        assertThat(read).isNotDone();

        view.refresh(routers);
        assertThat(read.get(5, TimeUnit.SECONDS)).singleElement().satisfies(agent -> {
            assertThat(agent.agentId()).isEqualTo("alice");
            assertThat(agent.state()).isEqualTo("OFFLINE");
            assertThat(agent.tenants()).containsExactly("acme");
        });
    }

    @Test
    void aReadThatNoRefreshAnswersIsRefusedWithTheReason() {
        RoutingView view = new RoutingView(Duration.ofMillis(10));
        assertThatThrownBy(() -> view.waiting("acme", "billing")).isInstanceOf(RoutingView.NotRefreshed.class)
                .hasMessageContaining("processor is starting or taking over partitions");
    }

    private void configureWithTwoWaitingContacts() {
        router.handle(new TenantConfigured(UUID.randomUUID(), "acme", NOW, "Acme", "Asia/Tokyo", "JP", "center", "general",
                List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"))), NOW);
        for (String queue : List.of("general", "billing")) {
            router.handle(new QueueConfigured(UUID.nameUUIDFromBytes(queue.getBytes()), "acme", NOW, queue, queue,
                    Map.of(), 0, null, QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, false, true), NOW);
        }
        router.handle(new AgentConfigured(UUID.randomUUID(), "acme", NOW, "alice", "Alice", List.of("acme"), Map.of("billing", 3),
                Map.of(Channel.CHAT, 2), false, true), NOW);
        router.handle(contact("c1", NOW.minusSeconds(20)), NOW);
        router.handle(contact("c2", NOW.minusSeconds(10)), NOW);
    }

    private static ContactCreated contact(String id, Instant at) {
        return new ContactCreated(UUID.nameUUIDFromBytes(id.getBytes()), "acme", at, id, Channel.CHAT, Direction.INBOUND, "widget-acme",
                Address.chatVisitor("v-" + id), null, Map.of(), null, "hi", List.of(), "en", 0, Map.of());
    }
}
