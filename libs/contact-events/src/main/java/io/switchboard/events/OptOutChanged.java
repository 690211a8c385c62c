package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

import io.switchboard.events.address.Address;

/**
 * A customer opted out of (or back into) being contacted at an address for a tenant: an SMS STOP or START,
 * a do-not-call entry. The consent topic is compacted and keyed {@code optout:<tenant>:<address>}, so the
 * latest word for each address stays; every service that starts a contact the customer did not ask for (a
 * campaign's call, a survey) checks it first.
 *
 * @param address   the customer's address (E.164 for phone numbers)
 * @param optedOut  true: do not contact; false: consent given again
 * @param source    who recorded it: "sms-stop", "sms-start", "do-not-call", ...
 */
public record OptOutChanged(UUID eventId, String tenantId, Instant occurredAt, Address address, boolean optedOut,
        String source) implements ConsentEvent {

    public OptOutChanged {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(address, "address");
        Require.present(source, "source");
    }

    @Override
    public String subject() {
        return "optout:" + tenantId + ":" + address.value();
    }
}
