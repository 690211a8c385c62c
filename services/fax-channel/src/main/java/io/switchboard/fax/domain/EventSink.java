package io.switchboard.fax.domain;

import java.util.List;

import io.switchboard.events.SwitchboardEvent;

/** Port: events to Kafka, acknowledged before {@link #publish} returns. */
public interface EventSink {

    StoredEvent encode(SwitchboardEvent event);

    void publish(List<StoredEvent> events) throws UnavailableException;
}
