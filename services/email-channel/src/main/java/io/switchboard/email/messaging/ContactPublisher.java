package io.switchboard.email.messaging;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.email.domain.ContactEvents;
import io.switchboard.email.domain.StoredEvent;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.EventType;
import io.switchboard.service.messaging.OutgoingEvents;

/**
 * Encodes the channel's events as CloudEvents and publishes them, returning only once the broker
 * acknowledged every one of them (acks=all, idempotent producer): the sender is told "accepted" after
 * this and never before.
 */
@ApplicationScoped
public class ContactPublisher implements ContactEvents {

    static final URI SOURCE = URI.create("/channels/email");

    private final MutinyEmitter<byte[]> contacts;

    public ContactPublisher(@Channel("contacts-out") MutinyEmitter<byte[]> contacts) {
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
