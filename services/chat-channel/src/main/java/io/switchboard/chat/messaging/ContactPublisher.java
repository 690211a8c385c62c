package io.switchboard.chat.messaging;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.chat.domain.ContactEvents;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.service.messaging.OutgoingEvents;

/** Publishes events and returns once the broker acknowledged all of them: the widget is acknowledged after this. */
@ApplicationScoped
public class ContactPublisher implements ContactEvents {

    public static final URI SOURCE = URI.create("/channels/chat");

    private final MutinyEmitter<byte[]> contacts;

    public ContactPublisher(@Channel("contacts-out") MutinyEmitter<byte[]> contacts) {
        this.contacts = contacts;
    }

    /** Each event goes to its own topic (contact events to the contacts topic, a transcript request to the email outbound topic). */
    @Override
    public void publish(List<? extends SwitchboardEvent> events, Duration timeout) {
        OutgoingEvents.sendAll(contacts, events.stream()
                .map(event -> OutgoingEvents.message(OutgoingEvents.encode(event, SOURCE), event.subject(), EventType.topicOf(event)))
                .toList(), timeout);
    }
}
