package io.switchboard.campaigns.messaging;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaigns.domain.EventEncoder;
import io.switchboard.campaigns.domain.StoredEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.service.messaging.OutgoingEvents;

/** CloudEvent bytes for the outbox, with the event's topic and key and the trace context current when it was decided. */
@ApplicationScoped
public class KafkaEventEncoder implements EventEncoder {

    public static final URI SOURCE = URI.create("/services/campaigns");

    @Override
    public StoredEvent encode(SwitchboardEvent event) {
        return new StoredEvent(event.eventId(), EventType.topicOf(event), event.subject(), OutgoingEvents.encode(event, SOURCE));
    }
}
