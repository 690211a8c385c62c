package io.switchboard.customer360.domain;

import java.util.List;
import java.util.UUID;

import io.switchboard.events.address.Address;

/**
 * What to do with a new contact.
 *
 * @param customerId the customer the contact and its new identifiers belong to
 * @param rootId     the root of that customer's merged group (before this contact's merges)
 * @param created    whether that customer is new
 * @param attach     identifiers nobody owned yet; they join {@code customerId}
 * @param merges     customers proven to be one person by strong identifiers
 * @param suggestions customers that share an identifier with this contact on weak evidence only
 */
public record Resolution(UUID customerId, UUID rootId, boolean created, List<Evidence> attach, List<Merge> merges,
        List<Suggestion> suggestions) {

    public Resolution {
        attach = List.copyOf(attach);
        merges = List.copyOf(merges);
        suggestions = List.copyOf(suggestions);
    }

    /** {@code mergedId} (a root) joins {@code survivorId}, proven by one strong identifier of each. */
    public record Merge(UUID survivorId, UUID mergedId, Address survivorEvidence, Address mergedEvidence) {
    }

    /** The contact links {@code customerId} and {@code otherId}, but not strongly enough to merge them. */
    public record Suggestion(UUID customerId, UUID otherId, Address customerEvidence, Address otherEvidence) {
    }
}
