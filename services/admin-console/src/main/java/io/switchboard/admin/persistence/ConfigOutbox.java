package io.switchboard.admin.persistence;

import java.net.URI;

import io.switchboard.events.ConfigEvent;
import io.switchboard.events.EventType;
import io.switchboard.service.messaging.OutgoingEvents;

/**
 * How a configuration event is kept in the outbox: its topic, its key (the snapshot's subject, so
 * compaction keeps the latest per tenant, queue or agent) and the CloudEvent bytes, encoded while
 * the admin's request is current so the event carries that request's trace.
 */
public final class ConfigOutbox {

    public static final URI SOURCE = URI.create("/admin-console");

    public record Row(String topic, String key, byte[] payload) {
    }

    private ConfigOutbox() {
    }

    public static Row row(ConfigEvent event) {
        return new Row(EventType.topicOf(event), event.subject(), OutgoingEvents.encode(event, SOURCE));
    }
}
