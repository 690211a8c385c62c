package io.switchboard.admin.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.admin.domain.ArrivalLog;
import io.switchboard.events.ContactQueued;
import io.switchboard.service.messaging.IncomingEvents;

/** Records every contact routing queues (into a queue it was not in before), for forecasts from observed traffic. */
@ApplicationScoped
public class ArrivalsConsumer {

    private final ArrivalLog arrivals;

    public ArrivalsConsumer(ArrivalLog arrivals) {
        this.arrivals = arrivals;
    }

    @Incoming("routing-in")
    @Blocking
    public void routing(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).ifPresent(event -> {
            if (event instanceof ContactQueued queued) {
                arrivals.record(queued.tenantId(), queued.queueId(), queued.contactId(), queued.occurredAt());
            }
        });
    }
}
