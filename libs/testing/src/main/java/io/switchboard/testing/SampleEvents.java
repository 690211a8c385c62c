package io.switchboard.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.address.Address;

/** Ready-made events for service tests. */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** A chat contact for tenant {@code acme-bank} from a fresh visitor. */
    public static ContactCreated contactCreated(String contactId) {
        return new ContactCreated(UUID.randomUUID(), "acme-bank", Instant.now().truncatedTo(ChronoUnit.MILLIS), contactId,
                Channel.CHAT, Direction.INBOUND, "widget-acme", Address.chatVisitor("visitor-" + contactId), null,
                Map.of("name", "Jane Doe"), "Billing", "I was charged twice", List.of(), "en", 0, Map.of());
    }
}
