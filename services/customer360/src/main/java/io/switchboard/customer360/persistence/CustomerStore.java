package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.domain.CustomerProfile;
import io.switchboard.customer360.domain.CustomerRecord;
import io.switchboard.customer360.domain.CustomerViews;
import io.switchboard.customer360.domain.TimelineCursor;
import io.switchboard.customer360.domain.TimelineEntry;
import io.switchboard.events.Channel;
import io.switchboard.events.CustomerUpdated;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.address.Address;
import io.switchboard.service.api.ProblemException;

/**
 * Reads and the people-made changes: profile edits, merges, unmerges, erasure. A customer outside
 * the caller's tenants is answered exactly like one that does not exist.
 */
@ApplicationScoped
public class CustomerStore {

    /** Profile fields a person may set; null leaves a field as it is. */
    public record ProfileEdit(String displayName, String language, Boolean vip, String notes) {
    }

    private record Group(CustomerEntity root, List<CustomerEntity> members, List<IdentityEntity> identities) {

        List<UUID> memberIds() {
            return members.stream().map(m -> m.id).toList();
        }

        CustomerViews.Customer view() {
            List<CustomerRecord> records = members.stream().map(Records::customer).toList();
            CustomerProfile profile = CustomerProfile.of(Records.customer(root), records);
            List<CustomerViews.Identity> ids = identities.stream()
                    .map(i -> new CustomerViews.Identity(i.kind.name(), i.value, i.platform.isEmpty() ? null : i.platform,
                            i.strong, i.customerId, i.firstSeen))
                    .toList();
            return new CustomerViews.Customer(profile.id(), profile.tenantId(), profile.displayName(), profile.language(),
                    profile.vip(), profile.notes(), profile.createdAt(), profile.memberIds(), ids);
        }
    }

    private final Mutiny.SessionFactory sessions;
    private final SnapshotWriter snapshots;

    public CustomerStore(Mutiny.SessionFactory sessions, SnapshotWriter snapshots) {
        this.sessions = sessions;
        this.snapshots = snapshots;
    }

    /** The tenant's region for phone numbers written without a country code; null when unknown. */
    public Uni<String> region(String tenantId) {
        return sessions.withSession(session -> session.find(TenantSettingEntity.class, tenantId)
                .map(setting -> setting == null ? null : setting.defaultRegion));
    }

    public Uni<CustomerViews.Customer> find(UUID id, Set<String> tenants) {
        return sessions.withSession(session -> group(session, id, tenants).map(Group::view));
    }

    /** The customer holding an identifier, if any. */
    public Uni<List<CustomerViews.Customer>> findByIdentifier(String tenantId, Address address) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from IdentityEntity i where i.tenantId = :t and i.kind = :k and i.platform = :p and i.value = :v",
                        IdentityEntity.class)
                .setParameter("t", tenantId).setParameter("k", address.kind())
                .setParameter("p", IdentityEntity.platformOf(address)).setParameter("v", address.value())
                .getResultList()
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(List.<CustomerViews.Customer>of())
                        : group(session, found.get(0).customerId, Set.of(tenantId)).map(g -> List.of(g.view()))));
    }

    public Uni<CustomerViews.TimelinePage> timeline(UUID id, Set<String> tenants, Channel channel, TimelineCursor after,
            int limit) {
        return sessions.withSession(session -> memberIds(session, id, tenants)
                .chain(members -> timelineRows(session, members, channel, after, limit + 1))
                .map(rows -> {
                    List<CustomerViews.TimelineItem> items = rows.size() > limit ? rows.subList(0, limit) : rows;
                    String next = null;
                    if (rows.size() > limit) {
                        CustomerViews.TimelineItem last = rows.get(limit - 1);
                        next = new TimelineCursor(last.occurredAt(), last.id()).encode();
                    }
                    return new CustomerViews.TimelinePage(items, next);
                }));
    }

    /** The ids of the group {@code id} belongs to, in one round trip: the timeline needs nothing else. */
    private static Uni<List<UUID>> memberIds(Mutiny.Session session, UUID id, Set<String> tenants) {
        return session.createNativeQuery("SELECT m.id FROM customer c JOIN customer m ON m.root_id = c.root_id "
                        + "WHERE c.id = :id AND c.tenant_id = ANY(CAST(:tenants AS text[])) AND c.erased_at IS NULL", Object.class)
                .setParameter("id", id)
                .setParameter("tenants", tenants.toArray(String[]::new))
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("no customer " + id);
                    }
                    return rows.stream().map(Columns::uuid).toList();
                });
    }

    /** Read as tuples straight into the page's items: no entity, no persistence context entry per line. */
    private static Uni<List<CustomerViews.TimelineItem>> timelineRows(Mutiny.Session session, List<UUID> members,
            Channel channel, TimelineCursor after, int limit) {
        // One member (the usual case) gets a plain equality so the (customer, time, id) index serves
        // the page in order without sorting.
        String who = members.size() == 1 ? "customer_id = :member" : "customer_id = ANY(:members)";
        StringBuilder sql = new StringBuilder("SELECT id, contact_id, channel, kind, occurred_at, text, details, customer_id "
                + "FROM timeline_entry WHERE ").append(who);
        if (channel != null) {
            sql.append(" AND channel = :channel");
        }
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (:at, :id)");
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql.toString(), Object[].class);
        if (members.size() == 1) {
            query.setParameter("member", members.get(0));
        } else {
            query.setParameter("members", members.toArray(UUID[]::new));
        }
        if (channel != null) {
            query.setParameter("channel", channel.name());
        }
        if (after != null) {
            query.setParameter("at", after.occurredAt()).setParameter("id", after.id());
        }
        return query.setParameter("limit", limit).getResultList().map(rows -> {
            List<CustomerViews.TimelineItem> items = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                items.add(new CustomerViews.TimelineItem(Columns.uuid(row[0]), (String) row[1],
                        row[2] == null ? null : Channel.valueOf((String) row[2]), TimelineEntry.Kind.valueOf((String) row[3]),
                        Columns.instant(row[4]), (String) row[5], JsonText.read((String) row[6]), Columns.uuid(row[7])));
            }
            return items;
        });
    }

    public Uni<CustomerViews.Customer> edit(UUID id, Set<String> tenants, ProfileEdit edit, String actor) {
        Instant now = Instant.now();
        return sessions.withTransaction(session -> group(session, id, tenants).chain(group -> {
            CustomerEntity root = group.root();
            List<String> changed = new ArrayList<>();
            if (edit.displayName() != null) {
                root.displayName = blankToNull(edit.displayName());
                changed.add("displayName");
            }
            if (edit.language() != null) {
                root.language = blankToNull(edit.language());
                changed.add("language");
            }
            if (edit.vip() != null) {
                root.vip = edit.vip();
                changed.add("vip");
            }
            if (edit.notes() != null) {
                root.notes = blankToNull(edit.notes());
                changed.add("notes");
            }
            if (changed.isEmpty()) {
                throw ProblemException.badRequest("nothing to change: give displayName, language, vip or notes");
            }
            // Field names only: the values are personal data and live in the profile alone.
            return session.flush()
                    .call(() -> Merges.audit(session, root.tenantId, root.id, null, "EDIT", actor, null,
                            Map.of("fields", changed), now))
                    .call(() -> snapshots.snapshots(session, List.of(root.id), now))
                    .chain(() -> group(session, root.id, tenants))
                    .map(Group::view);
        }));
    }

    /** Folds {@code otherId}'s group into {@code id}'s group. */
    public Uni<CustomerViews.Customer> merge(UUID id, UUID otherId, Set<String> tenants, String actor, String reason) {
        Instant now = Instant.now();
        return sessions.withTransaction(session -> group(session, id, tenants)
                .chain(target -> group(session, otherId, tenants).chain(other -> {
                    if (!target.root().tenantId.equals(other.root().tenantId)) {
                        throw ProblemException.conflict("customers of different tenants cannot be merged");
                    }
                    if (target.root().id.equals(other.root().id)) {
                        throw ProblemException.conflict("customer " + otherId + " is already part of customer " + target.root().id);
                    }
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("mergedIdentities", other.identities().stream().map(i -> Records.describe(i.address())).toList());
                    details.put("mergedMembers", other.memberIds());
                    // Bulk updates bypass the session's cached customers: clear it before reading them again.
                    return Merges.merge(session, target.root().tenantId, target.root().id, other.root().id, actor, reason,
                                    false, details, now)
                            .invoke(session::clear)
                            .chain(event -> snapshots.publish(session, List.of(event)))
                            .call(() -> snapshots.snapshots(session, List.of(target.root().id), now))
                            .chain(() -> group(session, target.root().id, tenants))
                            .map(Group::view);
                })));
    }

    /** Takes {@code otherId} (and whatever was merged into it) back out of {@code id}'s group. */
    public Uni<List<CustomerViews.Customer>> unmerge(UUID id, UUID otherId, Set<String> tenants, String actor,
            String reason) {
        Instant now = Instant.now();
        return sessions.withTransaction(session -> group(session, id, tenants).chain(group -> {
            CustomerEntity restored = group.members().stream().filter(m -> m.id.equals(otherId)).findFirst()
                    .orElseThrow(() -> ProblemException.conflict("customer " + otherId + " is not merged into customer " + group.root().id));
            if (restored.mergedInto == null) {
                throw ProblemException.conflict("customer " + otherId + " is the surviving customer of the group; "
                        + "unmerge one of " + group.view().mergedCustomerIds() + " instead");
            }
            UUID root = group.root().id;
            Set<UUID> subtree = new HashSet<>(List.of(otherId));
            for (boolean grew = true; grew; ) {
                grew = false;
                for (CustomerEntity m : group.members()) {
                    grew |= m.mergedInto != null && subtree.contains(m.mergedInto) && subtree.add(m.id);
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("restoredIdentities", group.identities().stream().filter(i -> subtree.contains(i.customerId))
                    .map(i -> Records.describe(i.address())).toList());
            details.put("restoredMembers", List.copyOf(subtree));
            return Merges.unmerge(session, group.root().tenantId, root, otherId, actor, reason, details, now)
                    .invoke(session::clear)
                    .chain(event -> snapshots.publish(session, List.of(event)))
                    .call(() -> snapshots.snapshots(session, List.of(root, otherId), now))
                    .chain(() -> group(session, root, tenants))
                    .chain(survivor -> group(session, otherId, tenants).map(back -> List.of(survivor.view(), back.view())));
        }));
    }

    public Uni<List<CustomerViews.Suggestion>> suggestions(String tenantId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT s.* FROM merge_suggestion s JOIN customer a ON a.id = s.customer_id "
                                + "JOIN customer b ON b.id = s.other_customer_id "
                                + "WHERE s.tenant_id = :t AND s.status = 'OPEN' AND a.root_id <> b.root_id "
                                + "ORDER BY s.created_at, s.id LIMIT 500", MergeSuggestionEntity.class)
                .setParameter("t", tenantId)
                .getResultList()
                .map(rows -> rows.stream().map(CustomerStore::suggestion).toList()));
    }

    public Uni<Void> dismissSuggestion(UUID suggestionId, Set<String> tenants, String actor) {
        return sessions.withTransaction(session -> session.find(MergeSuggestionEntity.class, suggestionId).chain(s -> {
            if (s == null || !tenants.contains(s.tenantId)) {
                throw ProblemException.notFound("no merge suggestion " + suggestionId);
            }
            if (!MergeSuggestionEntity.OPEN.equals(s.status)) {
                throw ProblemException.conflict("merge suggestion " + suggestionId + " is " + s.status);
            }
            s.status = MergeSuggestionEntity.DISMISSED;
            return Merges.audit(session, s.tenantId, s.customerId, s.otherCustomerId, "DISMISS_SUGGESTION", actor, null,
                    Map.of("suggestionId", suggestionId.toString()), Instant.now());
        }));
    }

    public Uni<CustomerViews.Export> export(UUID id, Set<String> tenants) {
        return sessions.withSession(session -> group(session, id, tenants).chain(group -> {
            List<UUID> members = group.memberIds();
            return timelineRows(session, members, null, null, Integer.MAX_VALUE)
                    .chain(timeline -> session.createSelectionQuery(
                                    "select l.contactId from ContactLinkEntity l where l.customerId in :m order by l.contactId",
                                    String.class).setParameter("m", members).getResultList()
                            .chain(contacts -> session.createSelectionQuery(
                                            "from MergeSuggestionEntity s where s.customerId in :m or s.otherCustomerId in :m",
                                            MergeSuggestionEntity.class).setParameter("m", members).getResultList()
                                    .chain(suggestions -> session.createSelectionQuery(
                                                    "from AuditEntryEntity a where a.customerId in :m or a.otherCustomerId in :m order by a.at",
                                                    AuditEntryEntity.class).setParameter("m", members).getResultList()
                                            .map(audit -> new CustomerViews.Export(group.view(),
                                                    group.members().stream().map(CustomerStore::member).toList(),
                                                    timeline, contacts,
                                                    suggestions.stream().map(CustomerStore::suggestion).toList(),
                                                    audit.stream().map(CustomerStore::audit).toList(), Instant.now())))));
        }));
    }

    /**
     * Erases the person: identities deleted, profile emptied, history text and attachments removed,
     * suggestions deleted, audit details and reasons emptied. What remains carries no personal data:
     * ids, times, channels, and an ERASE audit entry.
     */
    public Uni<Void> erase(UUID id, Set<String> tenants, String actor) {
        Instant now = Instant.now();
        return sessions.withTransaction(session -> group(session, id, tenants).chain(group -> {
            List<UUID> members = group.memberIds();
            UUID[] memberArray = members.toArray(UUID[]::new);
            String tenantId = group.root().tenantId;
            List<SwitchboardEvent> erased = members.stream().<SwitchboardEvent>map(m -> new CustomerUpdated(
                    UUID.randomUUID(), tenantId, now, m.toString(), null, null, false, null, List.of(), true)).toList();
            return session.createMutationQuery("delete from IdentityEntity i where i.customerId in :m")
                    .setParameter("m", members).executeUpdate()
                    .chain(() -> session.createMutationQuery(
                                    "update TimelineEntryEntity t set t.text = null, t.details = '{}' where t.customerId in :m")
                            .setParameter("m", members).executeUpdate())
                    .chain(() -> session.createMutationQuery(
                                    "delete from MergeSuggestionEntity s where s.customerId in :m or s.otherCustomerId in :m")
                            .setParameter("m", members).executeUpdate())
                    .chain(() -> session.createMutationQuery(
                                    "update AuditEntryEntity a set a.reason = null, a.details = '{}' "
                                            + "where a.customerId in :m or a.otherCustomerId in :m")
                            .setParameter("m", members).executeUpdate())
                    .chain(() -> session.createMutationQuery(
                                    "update CustomerEntity c set c.displayName = null, c.language = null, c.notes = null, "
                                            + "c.vip = false, c.erasedAt = :now where c.id in :m")
                            .setParameter("now", now).setParameter("m", members).executeUpdate())
                    // Snapshots not yet relayed still hold the old profile.
                    .chain(() -> session.createNativeQuery("DELETE FROM outbox WHERE record_key = ANY(:keys)")
                            .setParameter("keys", members.stream().map(UUID::toString).toArray(String[]::new))
                            .executeUpdate())
                    .chain(() -> Merges.audit(session, tenantId, group.root().id, null, "ERASE", actor, null,
                            Map.of("members", memberArray.length), now))
                    .chain(() -> snapshots.publish(session, erased));
        }));
    }

    private static Uni<Group> group(Mutiny.Session session, UUID id, Set<String> tenants) {
        return session.find(CustomerEntity.class, id).chain(customer -> {
            if (customer == null || !tenants.contains(customer.tenantId) || customer.erasedAt != null) {
                throw ProblemException.notFound("no customer " + id);
            }
            return session.createSelectionQuery("from CustomerEntity c where c.rootId = :root", CustomerEntity.class)
                    .setParameter("root", customer.rootId)
                    .getResultList()
                    .chain(members -> session.createSelectionQuery(
                                    "from IdentityEntity i where i.customerId in :m order by i.firstSeen, i.id",
                                    IdentityEntity.class)
                            .setParameter("m", members.stream().map(m -> m.id).toList())
                            .getResultList()
                            .map(identities -> new Group(
                                    members.stream().filter(m -> m.id.equals(customer.rootId)).findFirst().orElseThrow(),
                                    members.stream().sorted(Comparator.comparing((CustomerEntity m) -> m.createdAt)
                                            .thenComparing(m -> m.id)).toList(),
                                    identities)));
        });
    }

    private static CustomerViews.Suggestion suggestion(MergeSuggestionEntity s) {
        return new CustomerViews.Suggestion(s.id, s.tenantId, s.customerId, s.otherCustomerId, JsonText.read(s.evidence),
                s.contactId, s.createdAt);
    }

    private static CustomerViews.Audit audit(AuditEntryEntity a) {
        return new CustomerViews.Audit(a.id, a.customerId, a.otherCustomerId, a.action, a.actor, a.reason, a.at,
                JsonText.read(a.details));
    }

    private static Map<String, Object> member(CustomerEntity c) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", c.id);
        member.put("mergedInto", c.mergedInto);
        member.put("displayName", c.displayName);
        member.put("language", c.language);
        member.put("vip", c.vip);
        member.put("notes", c.notes);
        member.put("createdAt", c.createdAt);
        return member;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
