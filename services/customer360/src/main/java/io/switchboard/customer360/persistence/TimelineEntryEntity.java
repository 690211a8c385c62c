package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.switchboard.customer360.domain.TimelineEntry;
import io.switchboard.events.Channel;

@Entity
@Table(name = "timeline_entry")
public class TimelineEntryEntity {

    @Id
    public UUID id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "contact_id")
    public String contactId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public TimelineEntry.Kind kind;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String text;
    /** A JSON object of strings. */
    public String details;
}
