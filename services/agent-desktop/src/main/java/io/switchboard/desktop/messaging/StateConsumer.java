package io.switchboard.desktop.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.desktop.domain.InboxProjector;
import io.switchboard.desktop.domain.QualityMonitoring;
import io.switchboard.desktop.domain.StoreException;
import io.switchboard.events.ContactEnded;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * The topics the inbox is built from, in one shared consumer group: each event is applied once and
 * its offset committed only after the read model has it (a crash re-applies, which changes nothing). While the
 * database is away the event is tried again until it is applied ({@link UntilApplied}).
 */
@ApplicationScoped
public class StateConsumer {

    private static final UntilApplied UNTIL_STORED = UntilApplied.retrying(StoreException.class);

    private final InboxProjector projector;
    private final QualityMonitoring quality;
    private final Refusals refusals;

    public StateConsumer(InboxProjector projector, QualityMonitoring quality, Refusals refusals) {
        this.projector = projector;
        this.quality = quality;
        this.refusals = refusals;
    }

    @Incoming("contacts")
    @Blocking
    public void contacts(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    @Incoming("routing")
    @Blocking
    public void routing(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    @Incoming("agents")
    @Blocking
    public void agents(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    @Incoming("config")
    @Blocking
    public void config(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        var event = refusals.decode(record, "agent-desktop/StateConsumer");
        if (event.isPresent()) {
            UNTIL_STORED.apply(event.get(), () -> {
                projector.apply(event.get());
                // After the read model has the end: sampling reads who held it and in which queue.
                if (event.get() instanceof ContactEnded ended) {
                    quality.contactEnded(ended.contactId());
                }
            });
        }
    }
}
