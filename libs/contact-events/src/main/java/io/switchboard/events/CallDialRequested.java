package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

import io.switchboard.events.address.Address;

/**
 * An agent places a call (click-to-call): the gateway rings the agent's own phone first and, once
 * they pick up, calls {@code to} through the outbound trunk showing {@code entryPoint} as the caller
 * id. On the voice outbound topic, keyed by the new contact's id; the gateway instance that holds the
 * agent's phone registration acts on it and publishes the contact ({@code contact.created}, direction
 * OUTBOUND) under {@code contactId}.
 *
 * @param entryPoint one of the tenant's VOICE entry points (a DID): the number the customer sees, and
 *                   the queue the call is counted against
 * @param to         the customer's number (E.164)
 */
public record CallDialRequested(UUID eventId, String tenantId, Instant occurredAt, String contactId, String agentId,
        String entryPoint, Address to) implements ContactEvent {

    public CallDialRequested {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(agentId, "agentId");
        Require.present(entryPoint, "entryPoint");
        Require.present(to, "to");
    }
}
