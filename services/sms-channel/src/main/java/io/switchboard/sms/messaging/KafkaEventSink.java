package io.switchboard.sms.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.EventType;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.sms.config.SmsConfig;
import io.switchboard.sms.domain.EventSink;
import io.switchboard.sms.domain.InboundService;
import io.switchboard.sms.domain.StoredEvent;
import io.switchboard.sms.domain.UnavailableException;

/**
 * Publishes contact events and returns only once the broker acknowledged every one (acks=all,
 * idempotent producer): the provider is answered 200 after this and never before.
 */
@ApplicationScoped
public class KafkaEventSink implements EventSink {

    private final MutinyEmitter<byte[]> contacts;
    private final SmsConfig config;

    public KafkaEventSink(@Channel("contacts-out") MutinyEmitter<byte[]> contacts, SmsConfig config) {
        this.contacts = contacts;
        this.config = config;
    }

    @Override
    public StoredEvent encode(SwitchboardEvent event) {
        return new StoredEvent(EventType.topicOf(event), event.subject(), OutgoingEvents.encode(event, InboundService.SOURCE));
    }

    @Override
    public void publish(List<StoredEvent> events) throws UnavailableException {
        try {
            OutgoingEvents.sendAll(contacts,
                    events.stream().map(e -> OutgoingEvents.message(e.payload(), e.key(), e.topic())).toList(),
                    config.publishTimeout());
        } catch (RuntimeException e) {
            throw new UnavailableException("Kafka did not acknowledge the events: " + e.getMessage(), e);
        }
    }
}
