package io.switchboard.campaigns.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.campaigns.domain.ResultStore;
import io.switchboard.events.OptOutChanged;
import io.switchboard.campaigns.persistence.StoreFailure;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/** Every opt-out on the consent topic (SMS STOP and START, do-not-call entries of any instance), kept per address. */
@ApplicationScoped
public class ConsentConsumer {

    private static final UntilApplied UNTIL_STORED = UntilApplied.retrying(StoreFailure.class);

    private final ResultStore store;
    private final Refusals refusals;

    public ConsentConsumer(ResultStore store, Refusals refusals) {
        this.store = store;
        this.refusals = refusals;
    }

    @Incoming("campaigns-consent")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "campaigns/ConsentConsumer").ifPresent(event -> {
            if (event instanceof OptOutChanged change) {
                UNTIL_STORED.apply(change, () -> store.consent(change));
            }
        });
    }
}
