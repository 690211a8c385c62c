package io.switchboard.admin.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.ArrivalLog;
import io.switchboard.events.ContactQueued;
import io.switchboard.admin.persistence.StoreException;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/** Records every contact routing queues (into a queue it was not in before), for forecasts from observed traffic. */
@ApplicationScoped
public class ArrivalsConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);

    private final ArrivalLog arrivals;
    private final Refusals refusals;

    public ArrivalsConsumer(ArrivalLog arrivals, Refusals refusals) {
        this.arrivals = arrivals;
        this.refusals = refusals;
    }

    @Incoming("routing-in")
    @Blocking
    public void routing(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "admin-console/ArrivalsConsumer").ifPresent(event -> {
            if (event instanceof ContactQueued queued) {
                UNTIL_APPLIED.apply(queued, () -> arrivals.record(queued.tenantId(), queued.queueId(), queued.contactId(), queued.occurredAt()));
            }
        });
    }
}
