package io.switchboard.customer360.persistence;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.domain.CustomerProfile;
import io.switchboard.customer360.domain.CustomerRecord;
import io.switchboard.events.CustomerUpdated;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;

/**
 * Writes events into the outbox inside the caller's transaction: customer snapshots for the
 * compacted topic, and merge and unmerge events.
 */
@ApplicationScoped
public class SnapshotWriter {

    public static final URI SOURCE = URI.create("/services/customer360");

    /** Queues a {@code customer.updated} for each root, read back as it stands in this transaction. */
    public Uni<Void> snapshots(Mutiny.Session session, Collection<UUID> roots, Instant now) {
        if (roots.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.createSelectionQuery("from CustomerEntity c where c.rootId in :roots", CustomerEntity.class)
                .setParameter("roots", List.copyOf(roots))
                .getResultList()
                .chain(members -> session.createSelectionQuery(
                                "from IdentityEntity i where i.customerId in :members order by i.firstSeen, i.id",
                                IdentityEntity.class)
                        .setParameter("members", members.stream().map(m -> m.id).toList())
                        .getResultList()
                        .chain(identities -> {
                            Map<UUID, List<CustomerRecord>> groups = members.stream().map(Records::customer)
                                    .collect(Collectors.groupingBy(CustomerRecord::rootId));
                            Map<UUID, UUID> rootOfMember = members.stream()
                                    .collect(Collectors.toMap(m -> m.id, m -> m.rootId));
                            List<SwitchboardEvent> events = new ArrayList<>();
                            groups.forEach((root, group) -> {
                                CustomerRecord rootRecord = group.stream().filter(c -> c.id().equals(root)).findFirst()
                                        .orElseThrow();
                                List<Address> addresses = identities.stream()
                                        .filter(i -> root.equals(rootOfMember.get(i.customerId)))
                                        .map(IdentityEntity::address).toList();
                                events.add(snapshot(CustomerProfile.of(rootRecord, group), addresses, now));
                            });
                            return publish(session, events);
                        }));
    }

    static CustomerUpdated snapshot(CustomerProfile profile, List<Address> identities, Instant now) {
        return new CustomerUpdated(UUID.randomUUID(), profile.tenantId(), now, profile.id().toString(),
                profile.displayName(), profile.language(), profile.vip(), profile.notes(), identities, profile.erased());
    }

    public Uni<Void> publish(Mutiny.Session session, List<? extends SwitchboardEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Object[] rows = events.stream().map(event -> {
            OutboxEntity row = new OutboxEntity();
            row.id = event.eventId();
            row.topic = Topics.CUSTOMERS;
            row.recordKey = event.subject();
            row.payload = EventCodec.encode(event, SOURCE);
            return row;
        }).toArray();
        return session.persistAll(rows);
    }
}
