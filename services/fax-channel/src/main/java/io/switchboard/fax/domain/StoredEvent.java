package io.switchboard.fax.domain;

/** An event as it will be published (CloudEvent bytes, topic and key), kept with the fax until the broker took it. */
public record StoredEvent(String topic, String key, byte[] payload) {
}
