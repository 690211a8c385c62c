package io.switchboard.sms.domain;

/** An event encoded once (its id fixed), kept until the broker acknowledged it. */
public record StoredEvent(String topic, String key, byte[] payload) {
}
