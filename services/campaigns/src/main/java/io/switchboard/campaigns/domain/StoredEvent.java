package io.switchboard.campaigns.domain;

import java.util.UUID;

/** An event encoded as it will be published (CloudEvent bytes with the trace of the moment it was decided), for the outbox. */
public record StoredEvent(UUID eventId, String topic, String key, byte[] payload) {
}
