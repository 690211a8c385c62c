package io.switchboard.customer360.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.CustomerMerged;
import io.switchboard.events.CustomerUnmerged;

/**
 * Merge and unmerge as pointer moves. A merge points the merged root at the survivor and gives its
 * whole group the survivor as root; an unmerge clears the pointer and gives the restored customer's
 * subtree (itself and whatever was merged into it) its own root back. Rows never change owner.
 */
final class Merges {

    private Merges() {
    }

    static Uni<CustomerMerged> merge(Mutiny.Session session, String tenantId, UUID survivorId, UUID mergedId,
            String actor, String reason, boolean automatic, Map<String, ?> details, Instant at) {
        return session.createMutationQuery("update CustomerEntity c set c.mergedInto = :s where c.id = :m")
                .setParameter("s", survivorId).setParameter("m", mergedId).executeUpdate()
                .chain(() -> session.createMutationQuery("update CustomerEntity c set c.rootId = :s where c.rootId = :m")
                        .setParameter("s", survivorId).setParameter("m", mergedId).executeUpdate())
                .chain(() -> session.createMutationQuery(
                                "update MergeSuggestionEntity s set s.status = 'ACCEPTED' where s.status = 'OPEN' and "
                                        + "((s.customerId = :a and s.otherCustomerId = :b) or (s.customerId = :b and s.otherCustomerId = :a))")
                        .setParameter("a", survivorId).setParameter("b", mergedId).executeUpdate())
                .chain(() -> audit(session, tenantId, survivorId, mergedId, automatic ? "AUTO_MERGE" : "MERGE", actor,
                        reason, details, at))
                .replaceWith(() -> new CustomerMerged(UUID.randomUUID(), tenantId, at, survivorId.toString(),
                        mergedId.toString(), automatic, actor, reason));
    }

    static Uni<CustomerUnmerged> unmerge(Mutiny.Session session, String tenantId, UUID rootId, UUID restoredId,
            String actor, String reason, Map<String, ?> details, Instant at) {
        return session.createMutationQuery("update CustomerEntity c set c.mergedInto = null where c.id = :r")
                .setParameter("r", restoredId).executeUpdate()
                .chain(() -> session.createNativeQuery(
                                "WITH RECURSIVE subtree AS (SELECT id FROM customer WHERE id = :r "
                                        + "UNION ALL SELECT c.id FROM customer c JOIN subtree s ON c.merged_into = s.id) "
                                        + "UPDATE customer SET root_id = :r WHERE id IN (SELECT id FROM subtree)")
                        .setParameter("r", restoredId).executeUpdate())
                .chain(() -> audit(session, tenantId, rootId, restoredId, "UNMERGE", actor, reason, details, at))
                .replaceWith(() -> new CustomerUnmerged(UUID.randomUUID(), tenantId, at, rootId.toString(),
                        restoredId.toString(), actor, reason));
    }

    static Uni<Void> audit(Mutiny.Session session, String tenantId, UUID customerId, UUID otherId, String action,
            String actor, String reason, Map<String, ?> details, Instant at) {
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.id = UUID.randomUUID();
        entry.tenantId = tenantId;
        entry.customerId = customerId;
        entry.otherCustomerId = otherId;
        entry.action = action;
        entry.actor = actor;
        entry.reason = reason;
        entry.at = at;
        entry.details = JsonText.write(details);
        return session.persist(entry).call(session::flush);
    }
}
