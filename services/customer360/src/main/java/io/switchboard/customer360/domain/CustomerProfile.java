package io.switchboard.customer360.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The profile a merged group shows: the root's own values, and where the root has none, the first
 * value of a member in order of creation. Nothing is copied on merge, so an unmerge needs no undo.
 */
public record CustomerProfile(UUID id, String tenantId, String displayName, String language, boolean vip,
        String notes, Instant createdAt, boolean erased, List<UUID> memberIds) {

    public static CustomerProfile of(CustomerRecord root, List<CustomerRecord> group) {
        List<CustomerRecord> ordered = group.stream()
                .sorted(Comparator.comparing((CustomerRecord c) -> !c.id().equals(root.id()))
                        .thenComparing(CustomerRecord::createdAt).thenComparing(CustomerRecord::id))
                .toList();
        return new CustomerProfile(root.id(), root.tenantId(),
                first(ordered, CustomerRecord::displayName),
                first(ordered, CustomerRecord::language),
                ordered.stream().anyMatch(CustomerRecord::vip),
                first(ordered, CustomerRecord::notes),
                root.createdAt(),
                root.erasedAt() != null,
                ordered.stream().map(CustomerRecord::id).filter(id -> !id.equals(root.id())).toList());
    }

    private static String first(List<CustomerRecord> ordered, Function<CustomerRecord, String> field) {
        return ordered.stream().map(field).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }
}
