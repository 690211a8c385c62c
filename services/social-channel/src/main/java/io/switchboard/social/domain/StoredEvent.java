package io.switchboard.social.domain;

/** An encoded event kept until Kafka acknowledged it. */
public record StoredEvent(String topic, String key, byte[] payload) {
}
