package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.domain.BatchPlan;
import io.switchboard.customer360.domain.BatchPlanner;
import io.switchboard.customer360.domain.ContactEvidence;
import io.switchboard.customer360.domain.ContactLink;
import io.switchboard.customer360.domain.EvidenceReader;
import io.switchboard.customer360.domain.Owner;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.address.Address;

/**
 * Applies a batch of consumed events in one transaction: skips the ids already processed, loads in
 * bulk what the batch touches, lets {@link BatchPlanner} decide, writes the plan, marks the ids
 * processed and queues the resulting events in the outbox.
 */
@ApplicationScoped
public class ResolutionStore {

    public static final String SYSTEM_ACTOR = "customer360";

    private final Mutiny.SessionFactory sessions;
    private final SnapshotWriter snapshots;
    private final BatchPlanner planner = new BatchPlanner(UUID::randomUUID);

    public ResolutionStore(Mutiny.SessionFactory sessions, SnapshotWriter snapshots) {
        this.sessions = sessions;
        this.snapshots = snapshots;
    }

    /** @return the plan that was written (empty when every event had been processed before) */
    public Uni<BatchPlan> apply(List<SwitchboardEvent> events) {
        return apply(events, Map.of());
    }

    /**
     * @param traces the W3C traceparent that the events each input causes carry, by the input's event
     *        id; an input without one causes events without a trace
     * @return the plan that was written (empty when every event had been processed before)
     */
    public Uni<BatchPlan> apply(List<SwitchboardEvent> events, Map<UUID, String> traces) {
        return sessions.withTransaction(session -> apply(session, events, traces));
    }

    private Uni<BatchPlan> apply(Mutiny.Session session, List<SwitchboardEvent> events, Map<UUID, String> traces) {
        UUID[] ids = events.stream().map(SwitchboardEvent::eventId).distinct().toArray(UUID[]::new);
        // An array parameter, not an IN list: one statement text whatever the batch size. Unnested and
        // joined, not "= ANY(…)": the statement log showed a prepared "= ANY" over contact_link
        // planned as a scan comparing every row with the whole array (1.2 s a batch).
        return session.createNativeQuery("SELECT p.event_id FROM unnest(CAST(:ids AS uuid[])) AS k(id) "
                        + "JOIN processed_event p ON p.event_id = k.id", Object.class)
                .setParameter("ids", ids)
                .getResultList()
                .chain(done -> {
                    Set<UUID> seen = new HashSet<>();
                    done.forEach(id -> seen.add(Columns.uuid(id)));
                    List<SwitchboardEvent> fresh = events.stream().filter(e -> seen.add(e.eventId())).toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(new BatchPlan());
                    }
                    return load(session, fresh).chain(known -> write(session, planner.plan(fresh, known), traces));
                });
    }

    /** @param evidence each contact's identifiers, by event id, read once for the lookup and the plan */
    private record Loaded(Map<UUID, ContactEvidence> evidence, Map<String, Owner> owners, Map<String, ContactLink> links)
            implements BatchPlanner.Known {

        static String key(String tenantId, Address address) {
            return tenantId + '|' + address.kind() + '|' + (address.platform() == null ? "" : address.platform()) + '|'
                    + address.value();
        }

        @Override
        public Optional<Owner> owner(String tenantId, Address address) {
            return Optional.ofNullable(owners.get(key(tenantId, address)));
        }

        @Override
        public Optional<ContactLink> link(String contactId) {
            return Optional.ofNullable(links.get(contactId));
        }

        @Override
        public ContactEvidence evidence(ContactCreated contact) {
            return evidence.get(contact.eventId());
        }
    }

    private Uni<Loaded> load(Mutiny.Session session, List<SwitchboardEvent> events) {
        List<ContactCreated> created = events.stream()
                .filter(ContactCreated.class::isInstance).map(ContactCreated.class::cast).toList();
        List<String> tenants = created.stream().map(ContactCreated::tenantId).distinct().toList();
        List<String> contactIds = events.stream()
                .filter(ContactEvent.class::isInstance).map(e -> ((ContactEvent) e).contactId()).distinct().toList();
        return regions(session, tenants).chain(regions -> {
            Map<UUID, ContactEvidence> evidence = new HashMap<>();
            Map<String, IdentityKey> keys = new LinkedHashMap<>();
            for (ContactCreated contact : created) {
                ContactEvidence read = EvidenceReader.read(contact, regions.get(contact.tenantId()));
                evidence.put(contact.eventId(), read);
                read.identifiers().forEach(e -> keys.putIfAbsent(Loaded.key(contact.tenantId(), e.address()),
                        new IdentityKey(contact.tenantId(), e.address())));
            }
            return owners(session, keys.values()).chain(owners -> links(session, contactIds)
                    .map(links -> new Loaded(evidence, owners, links)));
        });
    }

    private record IdentityKey(String tenantId, Address address) {
    }

    private static Uni<Map<String, String>> regions(Mutiny.Session session, List<String> tenants) {
        if (tenants.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createSelectionQuery("from TenantSettingEntity t where t.tenantId in :tenants",
                        TenantSettingEntity.class)
                .setParameter("tenants", tenants)
                .getResultList()
                .map(rows -> {
                    Map<String, String> regions = new HashMap<>();
                    rows.forEach(r -> regions.put(r.tenantId, r.defaultRegion));
                    return regions;
                });
    }

    /**
     * The owners of the batch's identifiers: the identifiers as arrays, unnested and joined to
     * {@code identity} on its unique key (one index probe each) and to the owner's customer for the
     * group's root, in one statement.
     */
    private static Uni<Map<String, Owner>> owners(Mutiny.Session session, Collection<IdentityKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = keys.size();
        String[] tenants = new String[n];
        String[] kinds = new String[n];
        String[] platforms = new String[n];
        String[] values = new String[n];
        int i = 0;
        for (IdentityKey key : keys) {
            tenants[i] = key.tenantId();
            kinds[i] = key.address().kind().name();
            platforms[i] = IdentityEntity.platformOf(key.address());
            values[i] = key.address().value();
            i++;
        }
        return session.createNativeQuery("SELECT i.tenant_id, i.kind, i.platform, i.value, i.customer_id, c.root_id, i.strong "
                        + "FROM unnest(CAST(:tenants AS text[]), CAST(:kinds AS text[]), CAST(:platforms AS text[]), "
                        + "CAST(:vals AS text[])) AS k(tenant_id, kind, platform, value) "
                        + "JOIN identity i ON i.tenant_id = k.tenant_id AND i.kind = k.kind AND i.platform = k.platform "
                        + "AND i.value = k.value JOIN customer c ON c.id = i.customer_id", Object[].class)
                .setParameter("tenants", tenants).setParameter("kinds", kinds)
                .setParameter("platforms", platforms).setParameter("vals", values)
                .getResultList()
                .map(rows -> {
                    Map<String, Owner> owners = new HashMap<>();
                    for (Object[] row : rows) {
                        Address address = IdentityEntity.address((String) row[1], (String) row[2], (String) row[3]);
                        owners.put(Loaded.key((String) row[0], address),
                                new Owner(Columns.uuid(row[4]), Columns.uuid(row[5]), Columns.bool(row[6])));
                    }
                    return owners;
                });
    }

    private static Uni<Map<String, ContactLink>> links(Mutiny.Session session, List<String> contactIds) {
        if (contactIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createNativeQuery("SELECT l.contact_id, l.tenant_id, l.customer_id, l.channel "
                        + "FROM unnest(CAST(:ids AS text[])) AS k(contact_id) JOIN contact_link l ON l.contact_id = k.contact_id",
                        Object[].class)
                .setParameter("ids", contactIds.toArray(String[]::new))
                .getResultList()
                .map(rows -> {
                    Map<String, ContactLink> links = new HashMap<>();
                    for (Object[] row : rows) {
                        String contactId = (String) row[0];
                        links.put(contactId, new ContactLink(contactId, (String) row[1], Columns.uuid(row[2]),
                                row[3] == null ? null : Channel.valueOf((String) row[3])));
                    }
                    return links;
                });
    }

    private Uni<BatchPlan> write(Mutiny.Session session, BatchPlan plan, Map<UUID, String> traces) {
        Instant now = Instant.now();
        // Parents first: identities, links and lines reference their customer.
        Uni<Void> chain = BulkInsert.into("customer", plan.customers)
                .column("id", "uuid", BatchPlan.NewCustomer::id)
                .column("tenant_id", "text", BatchPlan.NewCustomer::tenantId)
                .column("root_id", "uuid", BatchPlan.NewCustomer::id)
                .column("display_name", "text", BatchPlan.NewCustomer::displayName)
                .column("language", "text", BatchPlan.NewCustomer::language)
                .column("created_at", "timestamptz", BatchPlan.NewCustomer::createdAt)
                .execute(session)
                .chain(() -> BulkInsert.into("identity", plan.identities)
                        .column("id", "uuid", BatchPlan.NewIdentity::id)
                        .column("tenant_id", "text", BatchPlan.NewIdentity::tenantId)
                        .column("customer_id", "uuid", BatchPlan.NewIdentity::customerId)
                        .column("kind", "text", i -> i.address().kind())
                        .column("platform", "text", i -> IdentityEntity.platformOf(i.address()))
                        .column("value", "text", i -> i.address().value())
                        .column("strong", "boolean", BatchPlan.NewIdentity::strong)
                        .column("first_seen", "timestamptz", BatchPlan.NewIdentity::firstSeen)
                        .execute(session))
                .chain(() -> BulkInsert.into("contact_link", plan.links)
                        .column("contact_id", "text", ContactLink::contactId)
                        .column("tenant_id", "text", ContactLink::tenantId)
                        .column("customer_id", "uuid", ContactLink::customerId)
                        .column("channel", "text", ContactLink::channel)
                        .execute(session))
                .chain(() -> BulkInsert.into("timeline_entry", plan.entries)
                        .column("id", "uuid", e -> e.entry().id())
                        .column("tenant_id", "text", e -> e.entry().tenantId())
                        .column("customer_id", "uuid", BatchPlan.PlannedEntry::customerId)
                        .column("contact_id", "text", e -> e.entry().contactId())
                        .column("channel", "text", BatchPlan.PlannedEntry::channel)
                        .column("kind", "text", e -> e.entry().kind())
                        .column("occurred_at", "timestamptz", e -> e.entry().occurredAt())
                        .column("text", "text", e -> e.entry().text())
                        .column("details", "text", e -> JsonText.write(e.entry().details()))
                        .execute(session))
                .chain(() -> BulkInsert.into("processed_event", plan.processedEventIds)
                        .column("event_id", "uuid", id -> id)
                        .column("processed_at", "timestamptz", id -> now)
                        .execute(session))
                .replaceWithVoid()
                .invoke(session::clear);
        // One statement each for all strengthened identities and all profile fills of the batch: a
        // round trip per row is what bounded throughput.
        if (!plan.strengthened.isEmpty()) {
            chain = chain.call(() -> strengthen(session, plan.strengthened));
        }
        // Root -> the input whose trace its snapshot carries; a profile fill names a root only when
        // no input of the batch gave it an identity or a merge.
        Map<UUID, UUID> touched = new LinkedHashMap<>(plan.touchedRoots);
        if (!plan.profileFills.isEmpty()) {
            chain = chain.call(() -> fillProfiles(session, plan.profileFills)
                    .invoke(filled -> filled.forEach(touched::putIfAbsent)));
        }
        for (BatchPlan.PlannedMerge merge : plan.merges) {
            chain = chain.call(() -> Merges.merge(session, merge.tenantId(), merge.survivorId(), merge.mergedId(),
                    SYSTEM_ACTOR, "strong identifiers on contact " + merge.contactId(), true,
                    Map.of("contactId", merge.contactId(),
                            "survivorEvidence", Records.describe(merge.survivorEvidence()),
                            "mergedEvidence", Records.describe(merge.mergedEvidence())),
                    merge.at()).chain(event -> snapshots.publish(session, List.of(event), traces.get(merge.inputId()))));
        }
        for (BatchPlan.PlannedSuggestion s : plan.suggestions) {
            chain = chain.call(() -> suggest(session, s));
        }
        if (!plan.links.isEmpty()) {
            chain = chain.call(() -> session.createNativeQuery(
                            // Filtering t (not l) by the ids lets the partial index on unlinked lines find them.
                            "UPDATE timeline_entry t SET customer_id = l.customer_id, channel = coalesce(t.channel, l.channel) "
                                    + "FROM contact_link l WHERE t.customer_id IS NULL AND t.contact_id = ANY(:ids) "
                                    + "AND l.contact_id = t.contact_id")
                    .setParameter("ids", plan.links.stream().map(ContactLink::contactId).toArray(String[]::new))
                    .executeUpdate());
        }
        return chain
                .call(() -> snapshots.snapshots(session, touched.keySet(), now, root -> traces.get(touched.get(root))))
                .replaceWith(plan);
    }

    private static Uni<Integer> strengthen(Mutiny.Session session, List<BatchPlan.Strengthened> strengthened) {
        int n = strengthened.size();
        String[] tenants = new String[n];
        String[] kinds = new String[n];
        String[] platforms = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            BatchPlan.Strengthened s = strengthened.get(i);
            tenants[i] = s.tenantId();
            kinds[i] = s.address().kind().name();
            platforms[i] = IdentityEntity.platformOf(s.address());
            values[i] = s.address().value();
        }
        return session.createNativeQuery("UPDATE identity i SET strong = true FROM unnest(CAST(:tenants AS text[]), "
                        + "CAST(:kinds AS text[]), CAST(:platforms AS text[]), CAST(:vals AS text[])) AS s(tenant_id, kind, platform, value) "
                        + "WHERE i.tenant_id = s.tenant_id AND i.kind = s.kind AND i.platform = s.platform "
                        + "AND i.value = s.value AND NOT i.strong")
                .setParameter("tenants", tenants).setParameter("kinds", kinds)
                .setParameter("platforms", platforms).setParameter("vals", values)
                .executeUpdate();
    }

    /**
     * Name and language only where the customer has none; the batch's first value for each wins.
     * @return the roots of the customers that changed, each with the input of its customer's first fill
     */
    private static Uni<Map<UUID, UUID>> fillProfiles(Mutiny.Session session, List<BatchPlan.ProfileFill> fills) {
        Map<UUID, String[]> byCustomer = new LinkedHashMap<>();
        Map<UUID, UUID> inputOf = new HashMap<>();
        for (BatchPlan.ProfileFill fill : fills) {
            String[] values = byCustomer.computeIfAbsent(fill.customerId(), id -> new String[2]);
            values[0] = values[0] == null ? fill.displayName() : values[0];
            values[1] = values[1] == null ? fill.language() : values[1];
            inputOf.putIfAbsent(fill.customerId(), fill.inputId());
        }
        UUID[] ids = byCustomer.keySet().toArray(UUID[]::new);
        String[] names = byCustomer.values().stream().map(v -> v[0]).toArray(String[]::new);
        String[] languages = byCustomer.values().stream().map(v -> v[1]).toArray(String[]::new);
        return session.createNativeQuery("UPDATE customer c SET display_name = coalesce(c.display_name, f.name), "
                        + "language = coalesce(c.language, f.language) FROM unnest(CAST(:ids AS uuid[]), "
                        + "CAST(:names AS text[]), CAST(:languages AS text[])) AS f(id, name, language) "
                        + "WHERE c.id = f.id AND ((c.display_name IS NULL AND f.name IS NOT NULL) "
                        + "OR (c.language IS NULL AND f.language IS NOT NULL)) RETURNING c.root_id, c.id", Object[].class)
                .setParameter("ids", ids).setParameter("names", names).setParameter("languages", languages)
                .getResultList()
                .map(rows -> {
                    Map<UUID, UUID> roots = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        roots.putIfAbsent(Columns.uuid(row[0]), inputOf.get(Columns.uuid(row[1])));
                    }
                    return roots;
                });
    }

    private static Uni<Integer> suggest(Mutiny.Session session, BatchPlan.PlannedSuggestion s) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("customer", Records.describe(s.customerEvidence()));
        evidence.put("other", Records.describe(s.otherEvidence()));
        return session.createNativeQuery(
                        "INSERT INTO merge_suggestion (id, tenant_id, customer_id, other_customer_id, evidence, contact_id, "
                                + "created_at, status) VALUES (:id, :tenant, :customer, :other, :evidence, :contact, :at, 'OPEN') "
                                + "ON CONFLICT DO NOTHING")
                .setParameter("id", s.id()).setParameter("tenant", s.tenantId())
                .setParameter("customer", s.customerId()).setParameter("other", s.otherId())
                .setParameter("evidence", JsonText.write(evidence)).setParameter("contact", s.contactId())
                .setParameter("at", s.at())
                .executeUpdate();
    }
}
