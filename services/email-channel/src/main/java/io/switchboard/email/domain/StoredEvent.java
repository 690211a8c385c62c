package io.switchboard.email.domain;

/** An event encoded as its CloudEvent bytes, kept until the broker acknowledged it. */
public record StoredEvent(String topic, String key, byte[] payload) {
}
