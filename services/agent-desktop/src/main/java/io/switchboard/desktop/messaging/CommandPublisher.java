package io.switchboard.desktop.messaging;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.desktop.domain.CommandBus;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.service.messaging.OutgoingEvents;

/**
 * Publishes the agents' commands (presence, offer answers, transfers, replies, wrap-up), each to its
 * own topic, and returns once the broker acknowledged them: the REST call answers only then.
 */
@ApplicationScoped
public class CommandPublisher implements CommandBus {

    public static final URI SOURCE = URI.create("/agent-desktop");

    private final MutinyEmitter<byte[]> events;

    public CommandPublisher(@Channel("events-out") MutinyEmitter<byte[]> events) {
        this.events = events;
    }

    @Override
    public void publish(SwitchboardEvent event, Duration timeout) {
        OutgoingEvents.sendAll(events, List.of(OutgoingEvents.message(OutgoingEvents.encode(event, SOURCE), event.subject(),
                EventType.topicOf(event))), timeout);
    }
}
