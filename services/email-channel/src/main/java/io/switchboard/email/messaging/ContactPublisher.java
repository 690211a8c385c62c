package io.switchboard.email.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.email.persistence.StoredEvent;
import io.switchboard.service.messaging.OutgoingEvents;

/**
 * Publishes a message's stored events and returns only once the broker acknowledged every one of them
 * (acks=all, idempotent producer): the sender is told "accepted" after this and never before.
 */
@ApplicationScoped
public class ContactPublisher {

    private final MutinyEmitter<byte[]> contacts;

    public ContactPublisher(@Channel("contacts-out") MutinyEmitter<byte[]> contacts) {
        this.contacts = contacts;
    }

    public void publish(List<StoredEvent> events, Duration timeout) {
        OutgoingEvents.sendAll(contacts,
                events.stream().map(event -> OutgoingEvents.message(event.payload(), event.key(), event.topic())).toList(),
                timeout);
    }
}
