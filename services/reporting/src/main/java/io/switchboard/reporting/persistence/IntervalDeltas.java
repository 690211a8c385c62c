package io.switchboard.reporting.persistence;

import static io.switchboard.reporting.persistence.Sql.instant;
import static io.switchboard.reporting.persistence.Sql.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.smallrye.mutiny.Uni;
import io.switchboard.reporting.domain.ContactFact;
import io.switchboard.reporting.domain.FactBook.ContactId;
import io.switchboard.reporting.domain.FactBook.LegId;
import io.switchboard.reporting.domain.FigureCalculator;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.reporting.domain.FirstContactResolution;
import io.switchboard.reporting.domain.LegFact;
import io.switchboard.reporting.domain.LegReport;
import io.switchboard.reporting.domain.WrapFact;
import io.switchboard.reporting.persistence.BatchApplication.WrapId;
import io.switchboard.reporting.persistence.Recomputation.IntervalKey;
import io.switchboard.reporting.persistence.Recomputation.StoredKey;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How a batch moves the interval rows, without reading the intervals: a row is the sum of its legs'
 * contributions ({@link FigureCalculator}), so it moves by what the batch's legs contribute after the batch
 * less what they contributed before it. The legs are those of the batch's contacts (their facts before and
 * after are in hand) and those of the same customers' other contacts whose first-contact resolution the
 * batch turns (a customer coming back, or no longer), which move by that alone.
 *
 * <p>Run under the interval locks of every leg it names: whether a customer came back is read after them,
 * so a transaction that turned it before has committed its own difference, and this one starts from there.
 */
final class IntervalDeltas {

    /** A batch's facts before and after it (after is what the transaction has written). */
    record Facts(Map<LegId, LegFact> legsBefore, Map<LegId, LegFact> legs, Map<ContactId, ContactFact> contactsBefore,
            Map<ContactId, ContactFact> contacts, Map<WrapId, WrapFact> wrapsBefore, Map<WrapId, WrapFact> wraps) {

        /** The facts after the batch as their rows read back (times in whole microseconds), as those before were read. */
        Facts asStored() {
            Map<LegId, LegFact> storedLegs = new HashMap<>();
            legs.forEach((id, leg) -> storedLegs.put(id, Sql.stored(leg)));
            Map<ContactId, ContactFact> storedContacts = new HashMap<>();
            contacts.forEach((id, contact) -> storedContacts.put(id, Sql.stored(contact)));
            Map<WrapId, WrapFact> storedWraps = new HashMap<>();
            wraps.forEach((id, wrap) -> storedWraps.put(id, Sql.stored(wrap)));
            return new Facts(legsBefore, storedLegs, contactsBefore, storedContacts, wrapsBefore, storedWraps);
        }
    }

    private record Customer(String tenantId, String key) {
    }

    private record Turned(boolean before, boolean after) {
    }

    private final SqlConnection db;
    private final Facts facts;
    private final Recomputation recomputation;

    IntervalDeltas(SqlConnection db, Facts facts) {
        this.db = db;
        this.facts = facts.asStored();
        this.recomputation = new Recomputation(db);
    }

    /**
     * @param locked     the intervals this transaction holds the locks of; more are locked when another
     *                   transaction's contact turned up in between
     * @param recomputed intervals recomputed whole, left out of the differences
     */
    Uni<Map<StoredKey, Figures>> differences(Set<IntervalKey> locked, Set<IntervalKey> recomputed) {
        // Per customer, the first and last creation time of the batch's contacts, before and after it.
        Map<Customer, Instant[]> windows = new HashMap<>();
        for (Map<ContactId, ContactFact> side : List.of(facts.contactsBefore(), facts.contacts())) {
            for (ContactFact c : side.values()) {
                if (c.customerKey() != null && c.createdAt() != null) {
                    windows.merge(new Customer(c.tenantId(), c.customerKey()), new Instant[] { c.createdAt(), c.createdAt() },
                            (a, b) -> new Instant[] { a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] });
                }
            }
        }
        Map<Customer, Map<String, Instant>> after = new HashMap<>();
        Uni<Void> read = windows.isEmpty() ? Uni.createFrom().voidItem() : readCustomers(windows, after);
        return read.chain(() -> {
            Map<Customer, Map<String, Instant>> before = before(after);
            Map<ContactId, Turned> cameBack = new HashMap<>();
            Map<ContactId, Turned> turned = new HashMap<>();
            Set<ContactId> batch = batchContacts();
            for (ContactId id : batch) {
                cameBack.put(id, new Turned(cameBack(facts.contactsBefore().get(id), before),
                        cameBack(facts.contacts().get(id), after)));
            }
            // The same customers' other contacts, created before the batch's latest: the batch may turn them.
            after.forEach((customer, contacts) -> contacts.forEach((contact, created) -> {
                ContactId id = new ContactId(customer.tenantId(), contact);
                if (!batch.contains(id) && created.isBefore(windows.get(customer)[1])) {
                    boolean was = cameBack(id, customer, created, before);
                    boolean is = cameBack(id, customer, created, after);
                    if (was != is) {
                        turned.put(id, new Turned(was, is));
                    }
                }
            }));
            return thresholds().chain(thresholds -> others(turned).chain(others -> {
                Set<IntervalKey> unlocked = new TreeSet<>();
                others.forEach(r -> {
                    IntervalKey key = new IntervalKey(r.leg().tenantId(), r.leg().interval());
                    if (r.leg().interval() != null && !locked.contains(key)) {
                        unlocked.add(key);
                    }
                });
                if (!unlocked.isEmpty()) {
                    // Committed after the intervals were chosen: lock them too and read again from there.
                    Set<IntervalKey> more = new TreeSet<>(locked);
                    more.addAll(unlocked);
                    return recomputation.lock(unlocked).chain(() -> differences(more, recomputed));
                }
                return Uni.createFrom().item(sum(cameBack, thresholds, others, turned, recomputed));
            }));
        });
    }

    private Map<StoredKey, Figures> sum(Map<ContactId, Turned> cameBack, Map<List<String>, Integer> thresholds,
            List<LegReport> others, Map<ContactId, Turned> turned, Set<IntervalKey> recomputed) {
        Map<String, List<LegReport>> before = new HashMap<>();
        Map<String, List<LegReport>> after = new HashMap<>();
        facts.legsBefore().values().forEach(leg -> before.computeIfAbsent(leg.tenantId(), t -> new ArrayList<>())
                .add(report(leg, facts.contactsBefore(), facts.wrapsBefore(), thresholds, cameBack, true)));
        facts.legs().values().forEach(leg -> after.computeIfAbsent(leg.tenantId(), t -> new ArrayList<>())
                .add(report(leg, facts.contacts(), facts.wraps(), thresholds, cameBack, false)));
        for (LegReport other : others) {
            Turned t = turned.get(new ContactId(other.leg().tenantId(), other.leg().contactId()));
            before.computeIfAbsent(other.leg().tenantId(), k -> new ArrayList<>()).add(withCameBack(other, t.before()));
            after.computeIfAbsent(other.leg().tenantId(), k -> new ArrayList<>()).add(withCameBack(other, t.after()));
        }
        Set<String> tenants = new HashSet<>(before.keySet());
        tenants.addAll(after.keySet());
        Map<StoredKey, Figures> rows = new HashMap<>();
        for (String tenant : tenants) {
            FigureCalculator.difference(before.getOrDefault(tenant, List.of()), after.getOrDefault(tenant, List.of()))
                    .forEach((key, figures) -> {
                        if (!recomputed.contains(new IntervalKey(tenant, key.interval()))) {
                            rows.put(new StoredKey(tenant, key), figures);
                        }
                    });
        }
        return rows;
    }

    private static LegReport withCameBack(LegReport r, boolean cameBack) {
        return new LegReport(r.leg(), r.contact(), r.wrapCompletedAt(), r.thresholdSeconds(), cameBack);
    }

    private static LegReport report(LegFact leg, Map<ContactId, ContactFact> contacts, Map<WrapId, WrapFact> wraps,
            Map<List<String>, Integer> thresholds, Map<ContactId, Turned> cameBack, boolean before) {
        ContactId id = new ContactId(leg.tenantId(), leg.contactId());
        WrapFact wrap = leg.agentId() == null ? null : wraps.get(new WrapId(leg.tenantId(), leg.contactId(), leg.agentId()));
        Turned turned = cameBack.get(id);
        return new LegReport(leg, contacts.get(id), wrap == null ? null : wrap.completedAt(),
                thresholds.getOrDefault(List.of(leg.tenantId(), leg.queueId()), FigureCalculator.DEFAULT_THRESHOLD_SECONDS),
                turned != null && (before ? turned.before() : turned.after()));
    }

    private Set<ContactId> batchContacts() {
        Set<ContactId> ids = new HashSet<>(facts.contactsBefore().keySet());
        ids.addAll(facts.contacts().keySet());
        return ids;
    }

    /** The customers' contacts created within a day of the batch's, as this transaction sees them (its own written). */
    private Uni<Void> readCustomers(Map<Customer, Instant[]> windows, Map<Customer, Map<String, Instant>> into) {
        List<Customer> customers = new ArrayList<>(windows.keySet());
        Tuple arrays = Tuple.tuple().addArrayOfString(customers.stream().map(Customer::tenantId).toArray(String[]::new))
                .addArrayOfString(customers.stream().map(Customer::key).toArray(String[]::new))
                .addArrayOfOffsetDateTime(customers.stream().map(c -> time(windows.get(c)[0].minus(FirstContactResolution.WINDOW)))
                        .toArray(OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(customers.stream().map(c -> time(windows.get(c)[1].plus(FirstContactResolution.WINDOW)))
                        .toArray(OffsetDateTime[]::new));
        return db.preparedQuery("SELECT k.t, k.key, c.contact_id, c.created_at FROM unnest($1::text[], $2::text[], $3::timestamptz[],"
                + " $4::timestamptz[]) AS k(t, key, lo, hi) JOIN contact_fact c ON c.tenant_id = k.t AND c.customer_key = k.key"
                + " AND c.created_at >= k.lo AND c.created_at <= k.hi").execute(arrays)
                .invoke(rows -> rows.forEach(row -> into.computeIfAbsent(new Customer(row.getString(0), row.getString(1)),
                        k -> new HashMap<>()).put(row.getString(2), instant(row.getOffsetDateTime(3)))))
                .replaceWithVoid();
    }

    /** The same contacts as the batch left them, less the batch's, plus the batch's contacts as they were before it. */
    private Map<Customer, Map<String, Instant>> before(Map<Customer, Map<String, Instant>> after) {
        Map<Customer, Map<String, Instant>> before = new HashMap<>();
        after.forEach((customer, contacts) -> {
            Map<String, Instant> others = new HashMap<>(contacts);
            others.keySet().removeIf(contact -> facts.contacts().containsKey(new ContactId(customer.tenantId(), contact))
                    || facts.contactsBefore().containsKey(new ContactId(customer.tenantId(), contact)));
            before.put(customer, others);
        });
        for (ContactFact c : facts.contactsBefore().values()) {
            if (c.customerKey() != null && c.createdAt() != null) {
                before.computeIfAbsent(new Customer(c.tenantId(), c.customerKey()), k -> new HashMap<>()).put(c.contactId(), c.createdAt());
            }
        }
        return before;
    }

    private static boolean cameBack(ContactFact contact, Map<Customer, Map<String, Instant>> contacts) {
        if (contact == null || contact.customerKey() == null || contact.createdAt() == null) {
            return false;
        }
        return cameBack(new ContactId(contact.tenantId(), contact.contactId()), new Customer(contact.tenantId(), contact.customerKey()),
                contact.createdAt(), contacts);
    }

    private static boolean cameBack(ContactId id, Customer customer, Instant created, Map<Customer, Map<String, Instant>> contacts) {
        ContactFact contact = new ContactFact(id.tenantId(), id.contactId(), null, null, created, null, null, null, null, null, customer.key(), null, null);
        for (Map.Entry<String, Instant> other : contacts.getOrDefault(customer, Map.of()).entrySet()) {
            if (FirstContactResolution.comesBack(contact, other.getKey(), other.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The service-level thresholds of the batch's legs' queues. */
    private Uni<Map<List<String>, Integer>> thresholds() {
        Set<List<String>> queues = new HashSet<>();
        for (Map<LegId, LegFact> side : List.of(facts.legsBefore(), facts.legs())) {
            side.keySet().forEach(id -> queues.add(List.of(id.tenantId(), id.queueId())));
        }
        if (queues.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<List<String>> wanted = new ArrayList<>(queues);
        return db.preparedQuery("SELECT q.tenant_id, q.queue_id, q.threshold_seconds FROM unnest($1::text[], $2::text[]) AS k(t, q)"
                + " JOIN queue_config q ON q.tenant_id = k.t AND q.queue_id = k.q")
                .execute(Tuple.tuple().addArrayOfString(wanted.stream().map(k -> k.get(0)).toArray(String[]::new))
                        .addArrayOfString(wanted.stream().map(k -> k.get(1)).toArray(String[]::new)))
                .map(rows -> {
                    Map<List<String>, Integer> thresholds = new HashMap<>();
                    rows.forEach(row -> thresholds.put(List.of(row.getString(0), row.getString(1)), row.getInteger(2)));
                    return thresholds;
                });
    }

    /** The legs of the other contacts whose resolution turned, with their facts as stored. */
    private Uni<List<LegReport>> others(Map<ContactId, Turned> turned) {
        if (turned.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<ContactId> ids = new ArrayList<>(turned.keySet());
        return db.preparedQuery(Recomputation.LEG_REPORT_SELECT + ", coalesce(q.threshold_seconds, $3) AS threshold_seconds"
                + " FROM unnest($1::text[], $2::text[]) AS k(t, c) JOIN leg_fact l ON l.tenant_id = k.t AND l.contact_id = k.c"
                + Recomputation.LEG_REPORT_JOINS + " LEFT JOIN queue_config q ON q.tenant_id = l.tenant_id AND q.queue_id = l.queue_id")
                .execute(Tuple.tuple().addArrayOfString(ids.stream().map(ContactId::tenantId).toArray(String[]::new))
                        .addArrayOfString(ids.stream().map(ContactId::contactId).toArray(String[]::new))
                        .addInteger(FigureCalculator.DEFAULT_THRESHOLD_SECONDS))
                .map(rows -> {
                    List<LegReport> reports = new ArrayList<>();
                    for (Row row : rows) {
                        reports.add(Recomputation.report(row, row.getInteger("threshold_seconds"), false));
                    }
                    return reports;
                });
    }
}
