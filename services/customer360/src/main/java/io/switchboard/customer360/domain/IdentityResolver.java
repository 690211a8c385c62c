package io.switchboard.customer360.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.switchboard.events.address.Address;

/**
 * Decides which customer a contact belongs to (see docs/customer360.md, "Resolution rules").
 * <ul>
 * <li>No identifier known: a new customer owns them all.</li>
 * <li>Known identifiers attach the contact, and its new identifiers, to the customer that owns its
 * first known identifier (the sender's address when known), even inside a merged group, so that an
 * unmerge takes it along with that customer.</li>
 * <li>Customers reached through strong identifiers of this contact are one person: they merge.</li>
 * <li>Any other pair of customers the contact links becomes a merge suggestion, never a merge.</li>
 * </ul>
 * Pure: the caller passes the current root customer of every identifier it knows.
 */
public final class IdentityResolver {

    private final Supplier<UUID> newIds;

    public IdentityResolver(Supplier<UUID> newIds) {
        this.newIds = newIds;
    }

    /** @param owners the owner of each already-known identifier of the contact */
    public Resolution resolve(ContactEvidence contact, Map<Address, Owner> owners) {
        List<Evidence> unknown = new ArrayList<>();
        Map<UUID, List<Evidence>> byRoot = new LinkedHashMap<>();
        UUID customer = null;
        for (Evidence evidence : contact.identifiers()) {
            Owner owner = owners.get(evidence.address());
            if (owner == null) {
                unknown.add(evidence);
            } else {
                byRoot.computeIfAbsent(owner.rootId(), r -> new ArrayList<>()).add(evidence);
                customer = customer == null ? owner.customerId() : customer;
            }
        }
        if (byRoot.isEmpty()) {
            UUID id = newIds.get();
            return new Resolution(id, id, true, unknown, List.of(), List.of());
        }
        UUID target = byRoot.keySet().iterator().next();
        List<UUID> strongRoots = byRoot.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(Evidence::strong))
                .map(Map.Entry::getKey)
                .toList();
        UUID survivor = strongRoots.contains(target) || strongRoots.isEmpty() ? target : strongRoots.get(0);
        List<Resolution.Merge> merges = new ArrayList<>();
        if (strongRoots.size() >= 2) {
            Address survivorProof = strongest(byRoot.get(survivor)).address();
            for (UUID root : strongRoots) {
                if (!root.equals(survivor)) {
                    merges.add(new Resolution.Merge(survivor, root, survivorProof, strongest(byRoot.get(root)).address()));
                }
            }
        }
        // The target is never merged away: when it is strong it is the survivor.
        List<Resolution.Suggestion> suggestions = new ArrayList<>();
        Address targetEvidence = strongest(byRoot.get(target)).address();
        for (Map.Entry<UUID, List<Evidence>> entry : byRoot.entrySet()) {
            UUID root = entry.getKey();
            if (!root.equals(target) && !mergedAway(merges, root)) {
                suggestions.add(new Resolution.Suggestion(target, root, targetEvidence, strongest(entry.getValue()).address()));
            }
        }
        return new Resolution(customer, target, false, unknown, merges, suggestions);
    }

    private static boolean mergedAway(List<Resolution.Merge> merges, UUID root) {
        return merges.stream().anyMatch(m -> m.mergedId().equals(root));
    }

    private static Evidence strongest(List<Evidence> evidence) {
        return evidence.stream().filter(Evidence::strong).findFirst().orElse(evidence.get(0));
    }
}
