package io.switchboard.email.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.email.domain.EmailReads;
import io.switchboard.email.domain.StoreException;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactOffered;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * Remembers every agent routing offered or assigned an email contact to ({@code switchboard.routing.v1}):
 * those agents may read its thread. One group for all instances: each event is written once.
 */
@ApplicationScoped
public class RoutingConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);

    private final EmailReads reads;
    private final Refusals refusals;

    public RoutingConsumer(EmailReads reads, Refusals refusals) {
        this.reads = reads;
        this.refusals = refusals;
    }

    @Incoming("routing")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "email-channel/RoutingConsumer");
        if (event.isPresent() && event.get() instanceof ContactOffered offered && offered.channel() == Channel.EMAIL) {
            UNTIL_APPLIED.apply(offered, () -> reads.offered(offered));
        } else if (event.isPresent() && event.get() instanceof ContactAssigned assigned && assigned.channel() == Channel.EMAIL) {
            UNTIL_APPLIED.apply(assigned, () -> reads.assigned(assigned));
        }
    }
}
