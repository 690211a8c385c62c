package io.switchboard.social.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;
import io.switchboard.social.domain.SocialStore;
import io.switchboard.social.domain.StoreException;

/** Closes a social conversation when its contact ends, so the customer's next message opens a new contact. */
@ApplicationScoped
public class ContactEndedConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);

    private final SocialStore store;
    private final Refusals refusals;

    public ContactEndedConsumer(SocialStore store, Refusals refusals) {
        this.store = store;
        this.refusals = refusals;
    }

    @Incoming("contact-lifecycle")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "social-channel/ContactEndedConsumer");
        if (event.isPresent() && event.get() instanceof ContactEnded ended && ended.channel() == Channel.SOCIAL) {
            UNTIL_APPLIED.apply(ended, () -> store.markEnded(ended.contactId(), ended.occurredAt()));
        }
    }
}
