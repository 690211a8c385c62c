package io.switchboard.routing.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.switchboard.events.ContactRejected;
import io.switchboard.events.SwitchboardEvent;

/**
 * The contact-center figures routing serves at {@code /q/metrics}, for Prometheus and its alerts:
 * per queue the contacts waiting, the oldest wait, the agents available and today's service level;
 * agents by state; and offers that rang out unanswered. Gauges are re-read from the processor's view
 * after each refresh, so a queue or state that disappears stops being reported. Each instance reports
 * the routing domains it owns.
 */
@ApplicationScoped
public class RoutingMetrics {

    private final MeterRegistry registry;
    private final MultiGauge waiting;
    private final MultiGauge oldestWait;
    private final MultiGauge agentsAvailable;
    private final MultiGauge serviceLevel;
    private final MultiGauge agents;

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
        waiting = MultiGauge.builder("switchboard.queue.waiting").description("Contacts waiting in the queue").register(registry);
        oldestWait = MultiGauge.builder("switchboard.queue.oldest.wait").baseUnit("seconds")
                .description("How long the longest-waiting contact of the queue has waited").register(registry);
        agentsAvailable = MultiGauge.builder("switchboard.queue.agents.available")
                .description("Agents who could take the queue's next contact now").register(registry);
        serviceLevel = MultiGauge.builder("switchboard.queue.service.level")
                .description("Today's service level: answered within the threshold / (answered + abandoned)").register(registry);
        agents = MultiGauge.builder("switchboard.agents").description("Agents of the owned routing domains, by state")
                .register(registry);
    }

    /** Re-reads every gauge from the view the processor just refreshed. */
    public void refresh(RoutingView view) {
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> oldestRows = new ArrayList<>();
        List<MultiGauge.Row<?>> availableRows = new ArrayList<>();
        List<MultiGauge.Row<?>> levelRows = new ArrayList<>();
        for (RoutingView.QueueView queue : view.queues()) {
            Tags tags = Tags.of("tenant", queue.tenantId(), "queue", queue.queueId());
            waitingRows.add(MultiGauge.Row.of(tags, queue.waiting()));
            oldestRows.add(MultiGauge.Row.of(tags, queue.oldestWaitSeconds() == null ? 0 : queue.oldestWaitSeconds()));
            availableRows.add(MultiGauge.Row.of(tags, queue.agentsAvailable()));
            if (queue.serviceLevelToday() != null) {
                levelRows.add(MultiGauge.Row.of(tags, queue.serviceLevelToday()));
            }
        }
        List<MultiGauge.Row<?>> agentRows = new ArrayList<>();
        view.agentsByState().forEach((state, count) -> agentRows.add(MultiGauge.Row.of(Tags.of("state", state), count)));
        waiting.register(waitingRows, true);
        oldestWait.register(oldestRows, true);
        agentsAvailable.register(availableRows, true);
        serviceLevel.register(levelRows, true);
        agents.register(agentRows, true);
    }

    /** Counts what the decisions of a batch say about offers: each one that rang out unanswered. */
    public void decided(List<SwitchboardEvent> events) {
        for (SwitchboardEvent event : events) {
            if (event instanceof ContactRejected rejected && rejected.reason() == ContactRejected.Reason.TIMED_OUT) {
                registry.counter("switchboard.offers.timed.out", "tenant", rejected.tenantId(),
                        "queue", rejected.queueId() == null ? "" : rejected.queueId()).increment();
            }
        }
    }
}
