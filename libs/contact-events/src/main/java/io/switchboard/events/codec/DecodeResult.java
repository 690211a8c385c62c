package io.switchboard.events.codec;

import io.cloudevents.CloudEvent;
import io.switchboard.events.SwitchboardEvent;

/** What came out of a record: an event, an event type this version does not know, or garbage. */
public sealed interface DecodeResult {

    record Decoded(SwitchboardEvent event, CloudEvent envelope) implements DecodeResult {
    }

    /** A well-formed CloudEvent of a type this consumer does not know; skip it (it may be newer). */
    record UnknownType(String type, String id) implements DecodeResult {
    }

    /**
     * Not a valid Switchboard CloudEvent; the reason says why. {@code problem} tells an envelope that is
     * not a CloudEvent of ours from data that breaks its type's schema, and {@code field} names the
     * field of the data at fault where it is known (a dotted path such as {@code from.value}).
     */
    record Malformed(String reason, Problem problem, String field) implements DecodeResult {

        public enum Problem {
            /** Not JSON, not a CloudEvent, no data, or attributes that contradict the data (id, tenant). */
            ENVELOPE,
            /** The data does not fit its type's schema: a required field missing, a wrong type, a value out of range. */
            SCHEMA
        }

        public Malformed(String reason) {
            this(reason, Problem.ENVELOPE, null);
        }
    }
}
