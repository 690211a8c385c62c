package io.switchboard.customer360.persistence;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

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
     * Queues a {@code customer.updated} for each root, read back as it stands in this transaction:
     * the groups' members and identities in one query each, whatever the number of roots.
     * @param traceOf the traceparent each root's snapshot carries (null for none)
     */
    public Uni<Void> snapshots(Mutiny.Session session, Collection<UUID> roots, Instant now,
            Function<UUID, String> traceOf) {
        if (roots.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] rootIds = roots.toArray(UUID[]::new);
        // Changes still held by the session first: the tuple queries below read the tables.
        return session.flush()
                .chain(() -> session.createNativeQuery("SELECT id, tenant_id, root_id, merged_into, display_name, language, vip, "
                                + "notes, created_at, erased_at FROM customer WHERE root_id = ANY(CAST(:roots AS uuid[]))", Object[].class)
                        .setParameter("roots", rootIds)
                        .getResultList())
                .chain(members -> session.createNativeQuery("SELECT c.root_id, i.kind, i.platform, i.value FROM customer c "
                                + "JOIN identity i ON i.customer_id = c.id WHERE c.root_id = ANY(CAST(:roots AS uuid[])) "
                                + "ORDER BY i.first_seen, i.id", Object[].class)
                        .setParameter("roots", rootIds)
                        .getResultList()
                        .chain(identities -> {
                            Map<UUID, List<CustomerRecord>> groups = new HashMap<>();
                            for (Object[] row : members) {
                                CustomerRecord member = new CustomerRecord(Columns.uuid(row[0]), (String) row[1],
                                        Columns.uuid(row[2]), Columns.uuid(row[3]), (String) row[4], (String) row[5],
                                        Columns.bool(row[6]), (String) row[7], Columns.instant(row[8]), Columns.instant(row[9]));
                                groups.computeIfAbsent(member.rootId(), root -> new ArrayList<>()).add(member);
                            }
                            // Each group's identities in order of first sight, in one pass.
                            Map<UUID, List<Address>> addresses = new HashMap<>();
                            for (Object[] row : identities) {
                                addresses.computeIfAbsent(Columns.uuid(row[0]), root -> new ArrayList<>())
                                        .add(IdentityEntity.address((String) row[1], (String) row[2], (String) row[3]));
                            }
                            List<SwitchboardEvent> events = new ArrayList<>(rootIds.length);
                            List<String> traces = new ArrayList<>(rootIds.length);
                            for (UUID root : rootIds) {
                                List<CustomerRecord> group = groups.get(root);
                                CustomerRecord rootRecord = group == null ? null
                                        : group.stream().filter(c -> c.id().equals(root)).findFirst().orElse(null);
                                if (rootRecord == null) {
                                    continue;
                                }
                                events.add(snapshot(CustomerProfile.of(rootRecord, group), addresses.getOrDefault(root, List.of()), now));
                                traces.add(traceOf.apply(root));
                            }
                            return insert(session, events, traces);
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
        return insert(session, events, Collections.nCopies(events.size(), traceparent));
    }

    /**
     * One {@code INSERT … SELECT FROM unnest(…)} for all the rows, in the given order ({@code seq}
     * follows the ordinality). Written at once, not held by the session until its flush, so rows
     * follow one another in the order they are queued. A payload is a CloudEvent in JSON, which is
     * UTF-8 text: it travels as text and is stored as its UTF-8 bytes.
     */
    private static Uni<Void> insert(Mutiny.Session session, List<? extends SwitchboardEvent> events, List<String> traces) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        String[] traceparents = traces.toArray(String[]::new);
        for (int i = 0; i < n; i++) {
            SwitchboardEvent event = events.get(i);
            ids[i] = event.eventId();
            keys[i] = event.subject();
            payloads[i] = new String(EventCodec.encode(event, SOURCE, traceparents[i]), StandardCharsets.UTF_8);
        }
        return session.createNativeQuery("INSERT INTO outbox (id, topic, record_key, payload, traceparent) "
                        + "SELECT r.id, :topic, r.record_key, convert_to(r.payload, 'UTF8'), r.traceparent "
                        + "FROM unnest(CAST(:ids AS uuid[]), CAST(:keys AS text[]), CAST(:payloads AS text[]), "
                        + "CAST(:traces AS text[])) WITH ORDINALITY AS r(id, record_key, payload, traceparent, n) ORDER BY r.n")
                .setParameter("topic", Topics.CUSTOMERS)
                .setParameter("ids", ids).setParameter("keys", keys)
                .setParameter("payloads", payloads).setParameter("traces", traceparents)
                .executeUpdate()
                .replaceWithVoid();
    }
}
