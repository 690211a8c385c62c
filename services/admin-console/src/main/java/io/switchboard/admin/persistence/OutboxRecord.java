package io.switchboard.admin.persistence;

/** An event in the outbox, waiting to be published. */
public record OutboxRecord(long id, String topic, String key, byte[] payload) {
}
