package io.switchboard.social.domain;

import java.time.Duration;
import java.util.List;

import io.switchboard.events.ContactEvent;

/** Port: events onto Kafka, acknowledged by the broker before {@link #publish} returns. */
public interface EventPublisher {

    /** The event as the CloudEvent bytes that are stored and published (with the current trace). */
    StoredEvent encode(ContactEvent event);

    /** Returns once the broker acknowledged every event; throws (unchecked) when it did not in time. */
    void publish(List<StoredEvent> events, Duration timeout);
}
