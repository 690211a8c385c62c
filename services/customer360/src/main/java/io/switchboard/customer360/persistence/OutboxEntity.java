package io.switchboard.customer360.persistence;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event to publish; the table's {@code seq} (filled by the database) orders the relay. */
@Entity
@Table(name = "outbox")
public class OutboxEntity {

    @Id
    public UUID id;
    public String topic;
    @Column(name = "record_key")
    public String recordKey;
    public byte[] payload;
    /** The W3C trace context the event continues, also in the payload's CloudEvent; null for none. */
    public String traceparent;
}
