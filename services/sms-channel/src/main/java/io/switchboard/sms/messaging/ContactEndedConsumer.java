package io.switchboard.sms.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEnded;
import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.sms.domain.SmsStore;
import io.switchboard.sms.domain.SmsSurveys;
import io.switchboard.sms.domain.StoreException;

/**
 * Closes an SMS conversation when its contact ends (wrap-up), so the customer's next text opens a new
 * one, and texts the satisfaction survey when an agent ended it.
 */
@ApplicationScoped
public class ContactEndedConsumer {

    private final SmsStore store;
    private final SmsSurveys surveys;

    public ContactEndedConsumer(SmsStore store, SmsSurveys surveys) {
        this.store = store;
        this.surveys = surveys;
    }

    @Incoming("contact-lifecycle")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws StoreException {
        var event = IncomingEvents.decode(record);
        if (event.isPresent() && event.get() instanceof ContactEnded ended && ended.channel() == Channel.SMS) {
            store.markEnded(ended.contactId(), ended.occurredAt());
            surveys.contactEnded(ended);
        }
    }
}
