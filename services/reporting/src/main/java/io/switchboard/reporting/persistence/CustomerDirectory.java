package io.switchboard.reporting.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.switchboard.reporting.domain.ContactFact;
import io.switchboard.reporting.domain.CustomerKeys;
import io.switchboard.reporting.domain.FactBook.ContactId;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Contacts' customer keys ({@link CustomerKeys}) from the stored identities and merges. */
final class CustomerDirectory {

    private final SqlConnection db;

    CustomerDirectory(SqlConnection db) {
        this.db = db;
    }

    Uni<Map<ContactId, String>> keys(List<ContactFact> contacts) {
        Map<List<String>, String> customerOfAddress = new HashMap<>();
        Map<List<String>, String> mergedInto = new HashMap<>();
        String[] tenants = contacts.stream().map(ContactFact::tenantId).toArray(String[]::new);
        String[] addresses = contacts.stream().map(ContactFact::fromKey).toArray(String[]::new);
        return db.preparedQuery("SELECT DISTINCT i.tenant_id, i.address_key, i.customer_id FROM unnest($1::text[], $2::text[])"
                + " AS k(tenant_id, address_key) JOIN customer_identity i ON i.tenant_id = k.tenant_id AND i.address_key = k.address_key")
                .execute(Tuple.tuple().addArrayOfString(tenants).addArrayOfString(addresses))
                .chain(rows -> {
                    Set<List<String>> customers = new HashSet<>();
                    rows.forEach(row -> {
                        customerOfAddress.put(List.of(row.getString(0), row.getString(1)), row.getString(2));
                        customers.add(List.of(row.getString(0), row.getString(2)));
                    });
                    return followMerges(customers, mergedInto, 0);
                })
                .map(nothing -> {
                    Map<ContactId, String> keys = new HashMap<>();
                    Map<String, Map<String, String>> mergesByTenant = new HashMap<>();
                    mergedInto.forEach((k, into) -> mergesByTenant.computeIfAbsent(k.get(0), t -> new HashMap<>()).put(k.get(1), into));
                    for (ContactFact contact : contacts) {
                        String customer = customerOfAddress.get(List.of(contact.tenantId(), contact.fromKey()));
                        Map<String, String> ofAddress = customer == null ? Map.of() : Map.of(contact.fromKey(), customer);
                        keys.put(new ContactId(contact.tenantId(), contact.contactId()), CustomerKeys.resolve(contact.fromKey(),
                                ofAddress, mergesByTenant.getOrDefault(contact.tenantId(), Map.of())));
                    }
                    return keys;
                });
    }

    /** Loads the merges of {@code customers}, then of the customers they were merged into, up to the hop limit. */
    private Uni<Void> followMerges(Set<List<String>> customers, Map<List<String>, String> mergedInto, int hop) {
        if (customers.isEmpty() || hop >= CustomerKeys.MAX_MERGE_HOPS) {
            return Uni.createFrom().voidItem();
        }
        List<List<String>> wanted = new ArrayList<>(customers);
        return db.preparedQuery("SELECT m.tenant_id, m.merged_customer_id, m.customer_id FROM unnest($1::text[], $2::text[])"
                + " AS k(tenant_id, customer_id) JOIN customer_merge m ON m.tenant_id = k.tenant_id AND m.merged_customer_id = k.customer_id")
                .execute(Tuple.tuple().addArrayOfString(wanted.stream().map(k -> k.get(0)).toArray(String[]::new))
                        .addArrayOfString(wanted.stream().map(k -> k.get(1)).toArray(String[]::new)))
                .chain(rows -> {
                    Set<List<String>> next = new HashSet<>();
                    rows.forEach(row -> {
                        List<String> key = List.of(row.getString(0), row.getString(1));
                        if (mergedInto.put(key, row.getString(2)) == null) {
                            next.add(List.of(row.getString(0), row.getString(2)));
                        }
                    });
                    return followMerges(next, mergedInto, hop + 1);
                });
    }
}
