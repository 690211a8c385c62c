package io.switchboard.customer360.persistence;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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
import io.switchboard.service.messaging.Traceparent;

/**
 * Writes events into the outbox inside the caller's transaction: customer snapshots for the
 * compacted topic, and merge and unmerge events. Each row keeps the W3C trace context of what caused
 * it, in the CloudEvent's {@code traceparent} extension and in its own column for the relay's header:
 * the consumed input's (given by the caller) or, for an API request, the current span's.
 */
@ApplicationScoped
public class SnapshotWriter {

    public static final URI SOURCE = URI.create("/services/customer360");

    /** Queues a {@code customer.updated} for each root, with the current span's trace (an API request's). */
    public Uni<Void> snapshots(Mutiny.Session session, Collection<UUID> roots, Instant now) {
        String traceparent = Traceparent.current().orElse(null);
        return snapshots(session, roots, now, root -> traceparent);
    }

    /**
     * Queues a {@code customer.updated} for each root, read back as it stands in this transaction.
     * @param traceOf the traceparent each root's snapshot carries (null for none)
     */
    public Uni<Void> snapshots(Mutiny.Session session, Collection<UUID> roots, Instant now,
            Function<UUID, String> traceOf) {
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
                            List<Object> rows = new ArrayList<>();
                            groups.forEach((root, group) -> {
                                CustomerRecord rootRecord = group.stream().filter(c -> c.id().equals(root)).findFirst()
                                        .orElseThrow();
                                List<Address> addresses = identities.stream()
                                        .filter(i -> root.equals(rootOfMember.get(i.customerId)))
                                        .map(IdentityEntity::address).toList();
                                rows.add(row(snapshot(CustomerProfile.of(rootRecord, group), addresses, now),
                                        traceOf.apply(root)));
                            });
                            return rows.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(rows.toArray());
                        }));
    }

    static CustomerUpdated snapshot(CustomerProfile profile, List<Address> identities, Instant now) {
        return new CustomerUpdated(UUID.randomUUID(), profile.tenantId(), now, profile.id().toString(),
                profile.displayName(), profile.language(), profile.vip(), profile.notes(), identities, profile.erased());
    }

    /** Queues events with the current span's trace (an API request's). */
    public Uni<Void> publish(Mutiny.Session session, List<? extends SwitchboardEvent> events) {
        return publish(session, events, Traceparent.current().orElse(null));
    }

    /** @param traceparent the W3C trace context the events continue, or null */
    public Uni<Void> publish(Mutiny.Session session, List<? extends SwitchboardEvent> events, String traceparent) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.persistAll(events.stream().map(event -> row(event, traceparent)).toArray());
    }

    private static OutboxEntity row(SwitchboardEvent event, String traceparent) {
        OutboxEntity row = new OutboxEntity();
        row.id = event.eventId();
        row.topic = Topics.CUSTOMERS;
        row.recordKey = event.subject();
        row.payload = EventCodec.encode(event, SOURCE, traceparent);
        row.traceparent = traceparent;
        return row;
    }
}
