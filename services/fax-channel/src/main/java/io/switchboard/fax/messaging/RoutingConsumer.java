package io.switchboard.fax.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactOffered;
import io.switchboard.fax.domain.FaxReads;
import io.switchboard.fax.domain.StoreException;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * Remembers every agent routing offered or assigned a fax contact to ({@code switchboard.routing.v1}):
 * those agents may read its fax. One group for all instances: each event is written once.
 */
@ApplicationScoped
public class RoutingConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);

    private final FaxReads reads;
    private final Refusals refusals;

    public RoutingConsumer(FaxReads reads, Refusals refusals) {
        this.reads = reads;
        this.refusals = refusals;
    }

    @Incoming("routing")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "fax-channel/RoutingConsumer");
        if (event.isPresent() && event.get() instanceof ContactOffered offered && offered.channel() == Channel.FAX) {
            UNTIL_APPLIED.apply(offered, () -> reads.offered(offered));
        } else if (event.isPresent() && event.get() instanceof ContactAssigned assigned && assigned.channel() == Channel.FAX) {
            UNTIL_APPLIED.apply(assigned, () -> reads.assigned(assigned));
        }
    }
}
