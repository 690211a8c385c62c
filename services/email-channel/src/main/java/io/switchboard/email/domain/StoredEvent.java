package io.switchboard.email.persistence;

/** An event encoded as its CloudEvent bytes, kept until the broker acknowledged it. */
public record StoredEvent(String topic, String key, byte[] payload) {
}
