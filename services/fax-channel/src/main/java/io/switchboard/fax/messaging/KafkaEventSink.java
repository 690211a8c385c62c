package io.switchboard.fax.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.fax.config.FaxConfig;
import io.switchboard.fax.domain.EventSink;
import io.switchboard.fax.domain.FaxIngest;
import io.switchboard.fax.domain.StoredEvent;
import io.switchboard.fax.domain.UnavailableException;
import io.switchboard.service.messaging.OutgoingEvents;

/** Publishes and returns only once the broker acknowledged every event (acks=all, idempotent producer). */
@ApplicationScoped
public class KafkaEventSink implements EventSink {

    private final MutinyEmitter<byte[]> contacts;
    private final FaxConfig config;

    public KafkaEventSink(@Channel("contacts-out") MutinyEmitter<byte[]> contacts, FaxConfig config) {
        this.contacts = contacts;
        this.config = config;
    }

    @Override
    public StoredEvent encode(SwitchboardEvent event) {
        return new StoredEvent(EventType.topicOf(event), event.subject(), OutgoingEvents.encode(event, FaxIngest.SOURCE));
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
