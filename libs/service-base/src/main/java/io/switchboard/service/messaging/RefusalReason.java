package io.switchboard.service.messaging;

/** Why a consumer could not take an event: the machine-readable code of a dead letter. */
public enum RefusalReason {
    /** Not JSON, not a CloudEvent, no data, or attributes that contradict the data. */
    MALFORMED_ENVELOPE,
    /** The data breaks its type's schema; the dead letter names the field. */
    SCHEMA_VIOLATION,
    /** A version of a known type this consumer does not read (a {@code .v2} on a v1 topic). */
    UNKNOWN_TYPE_VERSION,
    /** The event's tenant is not configured. */
    UNKNOWN_TENANT,
    /** The contact's entry point is not one of its tenant's. */
    UNKNOWN_ENTRY_POINT,
    /** An id seen before with different content: a contact created again under another event id. */
    DUPLICATE_ID_CONFLICT,
    /** The event fits its schema but asks for what cannot be done: it names an agent the consumer does not know, say. */
    UNPROCESSABLE
}
