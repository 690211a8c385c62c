package io.switchboard.email.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.email.domain.EmailStore;
import io.switchboard.email.domain.StoreException;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/** Closes an email conversation when its contact ends (the agent wrapped it up), so new mail opens a new contact. */
@ApplicationScoped
public class ContactEndedConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);

    private final EmailStore store;
    private final Refusals refusals;

    public ContactEndedConsumer(EmailStore store, Refusals refusals) {
        this.store = store;
        this.refusals = refusals;
    }

    @Incoming("contact-lifecycle")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "email-channel/ContactEndedConsumer");
        if (event.isPresent() && event.get() instanceof ContactEnded ended && ended.channel() == Channel.EMAIL) {
            UNTIL_APPLIED.apply(ended, () -> store.markEnded(ended.contactId(), ended.occurredAt()));
        }
    }
}
