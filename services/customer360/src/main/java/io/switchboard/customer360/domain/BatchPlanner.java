package io.switchboard.customer360.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.address.Address;

/**
 * Applies a batch of contact and routing events, in order, to what the database knew before the
 * batch, and returns the writes. Later events in the batch see what earlier ones did.
 */
public final class BatchPlanner {

    /** What the database held before the batch, loaded in bulk by the caller. */
    public interface Known {

        Optional<Owner> owner(String tenantId, Address address);

        Optional<ContactLink> link(String contactId);

        /** The contact's identifiers as {@link EvidenceReader} reads them with its tenant's region. */
        ContactEvidence evidence(ContactCreated contact);
    }

    private record Key(String tenantId, Address address) {
    }

    private final IdentityResolver resolver;
    private final Supplier<UUID> newIds;

    public BatchPlanner(Supplier<UUID> newIds) {
        this.newIds = newIds;
        this.resolver = new IdentityResolver(newIds);
    }

    public BatchPlan plan(List<SwitchboardEvent> events, Known known) {
        return new Run(known).apply(events);
    }

    private final class Run {

        private final Known known;
        private final BatchPlan plan = new BatchPlan();
        private final Map<Key, Owner> newOwners = new HashMap<>();
        private final Map<UUID, UUID> mergedInto = new HashMap<>();
        private final Map<String, ContactLink> newLinks = new HashMap<>();

        Run(Known known) {
            this.known = known;
        }

        BatchPlan apply(List<SwitchboardEvent> events) {
            for (SwitchboardEvent event : events) {
                if (event instanceof ContactCreated created && link(created.contactId()).isEmpty()) {
                    resolve(created);
                }
                TimelineMapper.entryFor(event).ifPresent(entry -> {
                    Optional<ContactLink> link = link(entry.contactId());
                    UUID customer = link.map(ContactLink::customerId).orElse(null);
                    Channel channel = entry.channel() != null ? entry.channel() : link.map(ContactLink::channel).orElse(null);
                    plan.entries.add(new BatchPlan.PlannedEntry(entry, customer, channel));
                });
                plan.processedEventIds.add(event.eventId());
            }
            // A root merged later in the batch is no longer a root.
            plan.touchedRoots.keySet().removeIf(mergedInto::containsKey);
            return plan;
        }

        private void resolve(ContactCreated created) {
            ContactEvidence evidence = known.evidence(created);
            Map<Address, Owner> owners = new HashMap<>();
            for (Evidence e : evidence.identifiers()) {
                owner(created.tenantId(), e.address()).ifPresent(owner -> owners.put(e.address(), owner));
            }
            Resolution resolution = resolver.resolve(evidence, owners);
            Instant at = created.occurredAt();
            if (resolution.created()) {
                plan.customers.add(new BatchPlan.NewCustomer(resolution.customerId(), created.tenantId(),
                        evidence.displayName(), evidence.language(), at));
            } else if (evidence.displayName() != null || evidence.language() != null) {
                plan.profileFills.add(new BatchPlan.ProfileFill(resolution.customerId(), evidence.displayName(),
                        evidence.language(), created.eventId()));
            }
            UUID root = resolution.rootId();
            for (Evidence e : resolution.attach()) {
                plan.identities.add(new BatchPlan.NewIdentity(newIds.get(), created.tenantId(), resolution.customerId(),
                        e.address(), e.strong(), at));
                newOwners.put(new Key(created.tenantId(), e.address()), new Owner(resolution.customerId(), root, e.strong()));
            }
            for (Evidence e : evidence.identifiers()) {
                if (e.strong() && owners.containsKey(e.address()) && !owners.get(e.address()).strong()) {
                    plan.strengthened.add(new BatchPlan.Strengthened(created.tenantId(), e.address()));
                }
            }
            for (Resolution.Merge merge : resolution.merges()) {
                plan.merges.add(new BatchPlan.PlannedMerge(created.tenantId(), merge.survivorId(), merge.mergedId(),
                        merge.survivorEvidence(), merge.mergedEvidence(), created.contactId(), at, created.eventId()));
                mergedInto.put(merge.mergedId(), merge.survivorId());
                touched(merge.survivorId(), created);
            }
            for (Resolution.Suggestion s : resolution.suggestions()) {
                plan.suggestions.add(new BatchPlan.PlannedSuggestion(newIds.get(), created.tenantId(), s.customerId(),
                        s.otherId(), s.customerEvidence(), s.otherEvidence(), created.contactId(), at));
            }
            ContactLink link = new ContactLink(created.contactId(), created.tenantId(), resolution.customerId(),
                    created.channel());
            plan.links.add(link);
            newLinks.put(link.contactId(), link);
            // A known customer's snapshot changes only with new identities (or merges, above); a
            // profile fill reports the customers it changed when it is written.
            if (resolution.created() || !resolution.attach().isEmpty()) {
                touched(rootOf(root), created);
            }
        }

        /** The last input to change a root names it. */
        private void touched(UUID root, ContactCreated by) {
            plan.touchedRoots.put(root, by.eventId());
        }

        private Optional<Owner> owner(String tenantId, Address address) {
            Owner owner = newOwners.get(new Key(tenantId, address));
            if (owner == null) {
                owner = known.owner(tenantId, address).orElse(null);
            }
            return Optional.ofNullable(owner).map(o -> new Owner(o.customerId(), rootOf(o.rootId()), o.strong()));
        }

        private UUID rootOf(UUID customerOrRoot) {
            UUID root = customerOrRoot;
            while (mergedInto.containsKey(root)) {
                root = mergedInto.get(root);
            }
            return root;
        }

        private Optional<ContactLink> link(String contactId) {
            ContactLink link = newLinks.get(contactId);
            return link != null ? Optional.of(link) : known.link(contactId);
        }
    }
}
