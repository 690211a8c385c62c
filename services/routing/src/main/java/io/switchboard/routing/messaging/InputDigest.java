package io.switchboard.routing.messaging;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.EventJson;

/**
 * What an input said, as SHA-256 of its data in canonical JSON: a redelivered record gives the same
 * digest (whatever the JVM: map entries are sorted), an event id taken again for other content another.
 * The envelope is left out, so a producer that re-sends an event with a new {@code time} is still retrying.
 */
final class InputDigest {

    private static final ObjectMapper CANONICAL = EventJson.mapper().copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private InputDigest() {
    }

    static byte[] of(SwitchboardEvent event) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(event));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest " + event.eventId(), e);
        }
    }
}
