package io.switchboard.routing.domain;

/**
 * Why routing cannot act on an input, for the dead letter that answers its publisher.
 *
 * @param field the event's field at fault (a dotted path within {@code data}), or null
 */
public record Refusal(Kind kind, String text, String field) {

    public enum Kind {
        /** The event names a tenant routing has no configuration for. */
        UNKNOWN_TENANT,
        /** The entry point leads to no queue and the tenant has no default queue. */
        UNKNOWN_ENTRY_POINT,
        /** An id already names something else: a contact created anew under another event id, a queue of another tenant. */
        ID_CONFLICT,
        /** The event fits its schema but names what cannot be (an outbound contact's unknown agent). */
        INVALID
    }

    public static Refusal of(Kind kind, String text) {
        return new Refusal(kind, text, null);
    }

    @Override
    public String toString() {
        return text;
    }
}
