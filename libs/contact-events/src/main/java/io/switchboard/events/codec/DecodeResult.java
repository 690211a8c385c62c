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

    /** Not a valid Switchboard CloudEvent; the reason says why. */
    record Malformed(String reason) implements DecodeResult {
    }
}
