package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event the platform publishes. Each record is one CloudEvents {@code type} on one topic
 * (see {@link EventType}); its fields are the CloudEvent's {@code data}.
 */
public sealed interface SwitchboardEvent permits ContactEvent, AgentEvent, ConfigEvent, CustomerEvent, QueueEvent, ConsentEvent {

    /** Unique per event; the CloudEvent {@code id} and the key consumers deduplicate by. */
    UUID eventId();

    /** The tenant (client company) the event belongs to; also the {@code tenantid} extension. */
    String tenantId();

    Instant occurredAt();

    /** What the event is about, the CloudEvent {@code subject} and the Kafka record key. */
    String subject();
}
