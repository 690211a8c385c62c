package io.switchboard.sms.domain;

import java.util.List;

import io.switchboard.events.SwitchboardEvent;

/** Port: contact and consent events to Kafka, acknowledged before {@link #publish} returns. */
public interface EventSink {

    /** The event as it will be published (CloudEvent bytes, its topic and key), to store before publishing. */
    StoredEvent encode(SwitchboardEvent event);

    void publish(List<StoredEvent> events) throws UnavailableException;
}
