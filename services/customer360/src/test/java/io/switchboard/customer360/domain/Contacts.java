package io.switchboard.customer360.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.address.Address;

/** Contact events for the domain tests. */
final class Contacts {

    static final String TENANT = "acme-bank";

    private Contacts() {
    }

    static ContactCreated created(Channel channel, Address from, Map<String, String> hints) {
        return new ContactCreated(UUID.randomUUID(), TENANT, Instant.parse("2026-11-25T10:00:00Z"),
                "c-" + UUID.randomUUID(), channel, Direction.INBOUND, "entry", from, null, hints, null, "hello",
                List.of(), null, 0, Map.of());
    }
}
