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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.domain.DomainRouter;
import io.switchboard.routing.engine.AgentSnapshot;
import io.switchboard.routing.engine.ContactSnapshot;
import io.switchboard.routing.engine.QueueStats;

/**
 * What the REST API shows: a copy of the owned domains' queues, waiting contacts and agents, made
 * by the processor thread every {@code view-interval} so that readers never touch an engine.
 *
 * <p>The queues and the agents' counts by state are copied at every refresh (the metrics read them).
 * The lists of waiting contacts and of agents are copied only while someone reads them: while nobody
 * has for {@link #WANTED_FOR}, a surge of 50,000 waiting contacts is not copied every second by the
 * thread that routes them. The first read after such a pause waits for the next refresh.
 */
@ApplicationScoped
public class RoutingView {

    /** How long after a read the processor keeps copying a list: a wallboard that polls keeps it warm. */
    static final Duration WANTED_FOR = Duration.ofMinutes(5);

    /** Thrown when no refresh came in time: the processor is not running (starting, or taking over partitions). */
    public static final class NotRefreshed extends RuntimeException {
        NotRefreshed(Duration waited) {
            super("routing's view was not refreshed within " + waited.toMillis() + " ms: the processor is starting or taking over partitions");
        }
    }

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

    /** {@code waiting} and {@code agents} are null when nobody asked for them lately, so they were not copied. */
    private record Snapshot(List<QueueView> queues, Map<QueueKey, List<WaitingContact>> waiting, List<AgentView> agents,
            Map<String, Integer> agentsByState) {
    }

    private final Duration waitForRefresh;
    private volatile Snapshot snapshot = new Snapshot(List.of(), null, null, Map.of());
    private volatile CompletableFuture<Void> nextRefresh = new CompletableFuture<>();
    private volatile long contactsReadAt = notRead();
    private volatile long agentsReadAt = notRead();

    @Inject
    public RoutingView(RoutingConfig config) {
        this(config.viewInterval());
    }

    RoutingView(Duration refreshInterval) {
        // Three refreshes: one that began before the read was noticed, the one that copies it, and slack.
        this.waitForRefresh = refreshInterval.multipliedBy(3).plusSeconds(1);
    }

    void refresh(Collection<DomainRouter> routers) {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        boolean withContacts = nanos - contactsReadAt < WANTED_FOR.toNanos();
        boolean withAgents = nanos - agentsReadAt < WANTED_FOR.toNanos();
        List<QueueView> queues = new ArrayList<>();
        Map<QueueKey, List<WaitingContact>> waiting = withContacts ? new HashMap<>() : null;
        List<AgentView> agents = withAgents ? new ArrayList<>() : null;
        Map<String, Integer> byState = new HashMap<>();
        for (DomainRouter router : routers) {
            var engine = router.engine();
            for (String queueId : engine.queueIds()) {
                QueueStats stats = engine.queueStats(queueId);
                queues.add(new QueueView(queueId, stats.tenant(), stats.waiting(),
                        stats.oldestArrival() == null ? null : Duration.between(stats.oldestArrival(), now).toSeconds(),
                        stats.agentsAvailable(), router.day(queueId, now).serviceLevel()));
                if (withContacts) {
                    List<WaitingContact> contacts = new ArrayList<>();
                    for (String contactId : engine.waitingContacts(queueId)) {
                        engine.contactSnapshot(contactId).ifPresent(c -> contacts.add(waitingContact(c, now)));
                    }
                    contacts.sort(Comparator.comparing(WaitingContact::arrivedAt));
                    waiting.put(new QueueKey(stats.tenant(), queueId), List.copyOf(contacts));
                }
            }
            for (String agentId : engine.agentIds()) {
                engine.agentSnapshot(agentId).ifPresent(a -> {
                    byState.merge(a.state().name(), 1, Integer::sum);
                    if (withAgents) {
                        agents.add(agentView(a, engine.agentTenants(agentId)));
                    }
                });
            }
        }
        queues.sort(Comparator.comparing(QueueView::queueId));
        if (withAgents) {
            agents.sort(Comparator.comparing(AgentView::agentId));
        }
        snapshot = new Snapshot(List.copyOf(queues), withContacts ? Map.copyOf(waiting) : null,
                withAgents ? List.copyOf(agents) : null, Map.copyOf(byState));
        CompletableFuture<Void> done = nextRefresh;
        nextRefresh = new CompletableFuture<>();
        done.complete(null);
    }

    public List<QueueView> queues() {
        return snapshot.queues();
    }

    /** Agents of the owned domains by state (the metrics' gauge), as of the last refresh. */
    public Map<String, Integer> agentsByState() {
        return snapshot.agentsByState();
    }

    /** Null when the tenant has no such queue routed here. */
    public List<WaitingContact> waiting(String tenantId, String queueId) {
        contactsReadAt = System.nanoTime();
        Map<QueueKey, List<WaitingContact>> waiting = awaitCopied(() -> snapshot.waiting());
        return waiting.get(new QueueKey(tenantId, queueId));
    }

    public List<AgentView> agents() {
        agentsReadAt = System.nanoTime();
        return awaitCopied(() -> snapshot.agents());
    }

    /** The part of the snapshot a reader asked for, waiting for the refreshes that copy it when it was not copied. */
    private <T> T awaitCopied(Supplier<T> part) {
        long deadline = System.nanoTime() + waitForRefresh.toNanos();
        while (true) {
            // Taken before the part is read: a refresh that lands in between completes this one.
            CompletableFuture<Void> refreshed = nextRefresh;
            T copied = part.get();
            if (copied != null) {
                return copied;
            }
            try {
                refreshed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new NotRefreshed(waitForRefresh);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotRefreshed(waitForRefresh);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static long notRead() {
        return System.nanoTime() - WANTED_FOR.toNanos() - 1;
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
