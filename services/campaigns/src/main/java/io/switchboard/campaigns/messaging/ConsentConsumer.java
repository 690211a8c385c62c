package io.switchboard.campaigns.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.campaigns.domain.ResultStore;
import io.switchboard.events.OptOutChanged;
import io.switchboard.service.messaging.Refusals;

/** Every opt-out on the consent topic (SMS STOP and START, do-not-call entries of any instance), kept per address. */
@ApplicationScoped
public class ConsentConsumer {

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
                Retrying.apply("opt-out " + change.eventId(), () -> store.consent(change));
            }
        });
    }
}
