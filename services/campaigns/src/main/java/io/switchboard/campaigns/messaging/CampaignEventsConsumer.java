package io.switchboard.campaigns.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.campaigns.domain.ResultStore;
import io.switchboard.campaigns.domain.Results;
import io.switchboard.events.CallAttemptCompleted;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.campaigns.persistence.StoreFailure;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * The platform's events the dialler learns from: attempts' results and answered calls (contacts topic), the
 * campaign contacts' assignments and routing's queue figures (routing topic), and wrap-ups (agents topic). Each
 * is applied idempotently; a result or wrap-up that frees a line or an agent ticks its campaign at once.
 */
@ApplicationScoped
public class CampaignEventsConsumer {

    private static final UntilApplied UNTIL_STORED = UntilApplied.retrying(StoreFailure.class);
    static final String CONSUMER = "campaigns/CampaignEventsConsumer";

    private final Results results;
    private final ResultStore store;
    private final DiallerLoop dialler;
    private final Refusals refusals;

    public CampaignEventsConsumer(Results results, ResultStore store, DiallerLoop dialler, Refusals refusals) {
        this.results = results;
        this.store = store;
        this.dialler = dialler;
        this.refusals = refusals;
    }

    @Incoming("campaigns-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, CONSUMER).ifPresent(event -> UNTIL_STORED.apply(event, () -> {
            if (event instanceof CallAttemptCompleted result) {
                results.completed(result).ifPresent(dialler::nudge);
            } else if (event instanceof WrapUpCompleted wrapUp) {
                results.wrappedUp(wrapUp).ifPresent(dialler::nudge);
            } else if (event instanceof ContactAssigned assigned) {
                store.assigned(assigned.contactId(), assigned.agentId(), assigned.occurredAt());
            } else if (event instanceof ContactEnded ended) {
                store.ended(ended.contactId(), ended.occurredAt(), ended.talkSeconds(), ended.holdSeconds());
            } else if (event instanceof QueueStatsReported stats) {
                store.queueFigures(stats.tenantId(), stats.queueId(), stats.agentsAvailable(), stats.occurredAt());
            }
        }));
    }
}
