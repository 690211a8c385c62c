package io.switchboard.routing.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.domain.DomainRouter;
import io.switchboard.routing.engine.AgentSnapshot;
import io.switchboard.routing.engine.ContactSnapshot;
import io.switchboard.routing.engine.QueueStats;

/**
 * What the REST API shows: a copy of the owned domains' queues, waiting contacts and agents, made
 * by the processor thread every {@code view-interval} so that readers never touch an engine.
 */
@ApplicationScoped
public class RoutingView {

    /** @param serviceLevelToday answered within the threshold ÷ (answered + abandoned) today; null until one of them happened */
    public record QueueView(String queueId, String tenantId, int waiting, Long oldestWaitSeconds, int agentsAvailable,
            Double serviceLevelToday) {
    }

    public record WaitingContact(String contactId, String channel, int priority, Instant arrivedAt, long waitedSeconds,
            String status) {
    }

    public record AgentView(String agentId, Set<String> tenants, String state, int activeContacts, Instant idleSince) {
    }

    /** Queue ids are unique within a tenant only: two tenants routed here may each have a "general". */
    private record QueueKey(String tenantId, String queueId) {
    }

    private record Snapshot(List<QueueView> queues, Map<QueueKey, List<WaitingContact>> waiting, List<AgentView> agents) {
    }

    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), List.of());

    void refresh(Collection<DomainRouter> routers) {
        Instant now = Instant.now();
        List<QueueView> queues = new ArrayList<>();
        Map<QueueKey, List<WaitingContact>> waiting = new HashMap<>();
        List<AgentView> agents = new ArrayList<>();
        for (DomainRouter router : routers) {
            var engine = router.engine();
            for (String queueId : engine.queueIds()) {
                QueueStats stats = engine.queueStats(queueId);
                queues.add(new QueueView(queueId, stats.tenant(), stats.waiting(),
                        stats.oldestArrival() == null ? null : Duration.between(stats.oldestArrival(), now).toSeconds(),
                        stats.agentsAvailable(), router.day(queueId, now).serviceLevel()));
                List<WaitingContact> contacts = new ArrayList<>();
                for (String contactId : engine.waitingContacts(queueId)) {
                    engine.contactSnapshot(contactId).ifPresent(c -> contacts.add(waitingContact(c, now)));
                }
                contacts.sort(Comparator.comparing(WaitingContact::arrivedAt));
                waiting.put(new QueueKey(stats.tenant(), queueId), List.copyOf(contacts));
            }
            for (String agentId : engine.agentIds()) {
                engine.agentSnapshot(agentId).ifPresent(a -> agents.add(agentView(a, engine.agentTenants(agentId))));
            }
        }
        queues.sort(Comparator.comparing(QueueView::queueId));
        agents.sort(Comparator.comparing(AgentView::agentId));
        snapshot = new Snapshot(List.copyOf(queues), Map.copyOf(waiting), List.copyOf(agents));
    }

    public List<QueueView> queues() {
        return snapshot.queues();
    }

    /** Null when the tenant has no such queue routed here. */
    public List<WaitingContact> waiting(String tenantId, String queueId) {
        return snapshot.waiting().get(new QueueKey(tenantId, queueId));
    }

    public List<AgentView> agents() {
        return snapshot.agents();
    }

    private static WaitingContact waitingContact(ContactSnapshot contact, Instant now) {
        return new WaitingContact(contact.request().id(), contact.request().channel().name(), contact.request().priority(),
                contact.request().arrivedAt(), Duration.between(contact.request().arrivedAt(), now).toSeconds(),
                contact.status().name());
    }

    private static AgentView agentView(AgentSnapshot agent, Set<String> tenants) {
        return new AgentView(agent.agentId(), Set.copyOf(tenants), agent.state().name(), agent.activeContacts(),
                agent.idleSince());
    }
}
