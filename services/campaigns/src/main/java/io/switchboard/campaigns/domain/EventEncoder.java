package io.switchboard.campaigns.domain;

import io.switchboard.events.SwitchboardEvent;

/** Encodes an event for the outbox, with its topic, key and the current trace context (port). */
public interface EventEncoder {

    StoredEvent encode(SwitchboardEvent event);
}
