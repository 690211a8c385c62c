package io.switchboard.sms.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;
import io.switchboard.sms.domain.SmsStore;
import io.switchboard.sms.domain.SmsSurveys;
import io.switchboard.sms.domain.StoreException;

/**
 * Closes an SMS conversation when its contact ends (wrap-up), so the customer's next text opens a new
 * one, and texts the satisfaction survey when an agent ended it.
 */
@ApplicationScoped
public class ContactEndedConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class);

    private final SmsStore store;
    private final SmsSurveys surveys;
    private final Refusals refusals;

    public ContactEndedConsumer(SmsStore store, SmsSurveys surveys, Refusals refusals) {
        this.store = store;
        this.surveys = surveys;
        this.refusals = refusals;
    }

    @Incoming("contact-lifecycle")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = refusals.decode(record, "sms-channel/ContactEndedConsumer");
        if (event.isPresent() && event.get() instanceof ContactEnded ended && ended.channel() == Channel.SMS) {
            UNTIL_APPLIED.apply(ended, () -> {
                store.markEnded(ended.contactId(), ended.occurredAt());
                surveys.contactEnded(ended);
            });
        }
    }
}
