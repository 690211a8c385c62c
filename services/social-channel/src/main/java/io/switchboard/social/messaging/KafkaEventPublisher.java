package io.switchboard.social.messaging;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.EventType;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.social.domain.EventPublisher;
import io.switchboard.social.domain.StoredEvent;

/** Publishes on {@code switchboard.contacts.v1} (acks=all, idempotent producer) and waits for the acknowledgement. */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    public static final URI SOURCE = URI.create("/channels/social");

    private final MutinyEmitter<byte[]> contacts;

    public KafkaEventPublisher(@Channel("contacts-out") MutinyEmitter<byte[]> contacts) {
        this.contacts = contacts;
    }

    @Override
    public StoredEvent encode(ContactEvent event) {
        return new StoredEvent(EventType.topicOf(event), event.subject(), OutgoingEvents.encode(event, SOURCE));
    }

    @Override
    public void publish(List<StoredEvent> events, Duration timeout) {
        OutgoingEvents.sendAll(contacts,
                events.stream().map(event -> OutgoingEvents.message(event.payload(), event.key(), event.topic())).toList(),
                timeout);
    }
}
