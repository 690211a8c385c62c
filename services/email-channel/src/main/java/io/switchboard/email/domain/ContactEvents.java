package io.switchboard.email.domain;

import java.time.Duration;
import java.util.List;

import io.switchboard.events.ContactEvent;

/**
 * Where the channel's events go (the port {@code messaging} implements with Kafka). Events are encoded
 * first, so that the bytes stored with a message are the bytes published, with the same ids.
 */
public interface ContactEvents {

    /** The event as the bytes to publish, with its topic and key. */
    StoredEvent encode(ContactEvent event);

    /** Publishes and returns only once the broker acknowledged every event; throws otherwise. */
    void publish(List<StoredEvent> events, Duration timeout);
}
