package io.switchboard.reporting.persistence;

import static io.switchboard.reporting.persistence.Sql.instant;
import static io.switchboard.reporting.persistence.Sql.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.CustomerMerged;
import io.switchboard.events.CustomerUpdated;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;
import io.switchboard.reporting.domain.ContactFact;
import io.switchboard.reporting.domain.CustomerKeys;
import io.switchboard.reporting.domain.FactBook.ContactId;
import io.switchboard.reporting.domain.FactBook.LegId;
import io.switchboard.reporting.domain.FactMerge;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.reporting.domain.FirstContactResolution;
import io.switchboard.reporting.domain.LegFact;
import io.switchboard.reporting.domain.LegReport;
import io.switchboard.reporting.domain.Queues;
import io.switchboard.reporting.domain.WrapFact;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One batch of events in one transaction: each new event (by id) merged into its facts, then the interval rows
 * those facts touch moved by the difference of their legs' contributions ({@link IntervalDeltas}; recomputed
 * whole where a queue's threshold changed) and the agents' time recomputed ({@link Recomputation}).
 */
final class BatchApplication {

    record WrapId(String tenantId, String contactId, String agentId) {
    }

    record AgentWindow(String tenantId, String agentId) {
    }

    private final SqlConnection db;
    private final Recomputation recomputation;
    private final List<SwitchboardEvent> input;
    private List<SwitchboardEvent> events;

    private final Set<ContactId> touched = new LinkedHashSet<>();
    private final Map<LegId, LegFact> legsBefore = new HashMap<>();
    private final Map<LegId, LegFact> legs = new LinkedHashMap<>();
    /** Per leg, its stored handle_end and busy_end (derived columns the figures do not read back). */
    private final Map<LegId, List<Instant>> endsBefore = new HashMap<>();
    private final Map<ContactId, ContactFact> contactsBefore = new HashMap<>();
    private final Map<ContactId, ContactFact> contacts = new LinkedHashMap<>();
    private final Map<WrapId, WrapFact> wrapsBefore = new HashMap<>();
    private final Map<WrapId, WrapFact> wraps = new LinkedHashMap<>();
    private final Set<List<String>> thresholdChanged = new HashSet<>();
    /** Tenants whose time zone this batch changed: their daily rollup is summed again in the new zone. */
    private final Set<String> zoneChanged = new TreeSet<>();
    /** (tenant, interval) keys whose rows may move: their locks are taken before any is read. */
    private final Set<Recomputation.IntervalKey> intervals = new TreeSet<>();
    /** Of those, the keys recomputed whole from their legs (a queue's threshold changed); the rest move by differences. */
    private final Set<Recomputation.IntervalKey> recomputed = new TreeSet<>();
    /** Per agent, the earliest and latest instant whose time may have changed (epoch milliseconds). */
    private final Map<AgentWindow, long[]> agentWindows = new TreeMap<>(
            java.util.Comparator.comparing(AgentWindow::tenantId).thenComparing(AgentWindow::agentId));

    BatchApplication(SqlConnection db, List<SwitchboardEvent> events) {
        this.db = db;
        this.input = events;
        this.recomputation = new Recomputation(db);
    }

    Uni<Integer> run() {
        return firstSeen()
                .chain(this::contactsOfCustomerEvents)
                .chain(this::loadFacts)
                .chain(this::mergeEvents)
                .chain(this::writeConfiguration)
                .chain(this::writeCustomers)
                .chain(this::resolveCustomerKeys)
                .chain(this::writeFacts)
                .chain(this::writeAgentStates)
                .chain(this::affectedIntervals)
                .chain(() -> recomputation.lock(intervals))
                .chain(() -> new IntervalDeltas(db, new IntervalDeltas.Facts(legsBefore, legs, contactsBefore, contacts, wrapsBefore, wraps))
                        .differences(intervals, recomputed))
                .chain(moved -> recomputation.add(moved).chain(() -> recomputation.intervals(recomputed)).map(whole -> {
                    Map<Recomputation.StoredKey, Figures> all = new HashMap<>(moved);
                    all.putAll(whole);
                    return all;
                }))
                .chain(moved -> recomputation.agents(agentWindows)
                        .chain(agentMoves -> new DailyRollup(db).update(moved, agentMoves, zoneChanged)))
                .map(nothing -> events.size());
    }

    // ---- 1. each event once ---------------------------------------------------------------------------

    private Uni<Void> firstSeen() {
        Map<UUID, SwitchboardEvent> unique = new LinkedHashMap<>();
        input.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        UUID[] ids = unique.keySet().toArray(UUID[]::new);
        return db.preparedQuery("INSERT INTO processed_event (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.tuple().addArrayOfUUID(ids))
                .invoke(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getUUID(0)));
                    events = unique.values().stream().filter(e -> fresh.contains(e.eventId())).toList();
                    for (SwitchboardEvent e : events) {
                        String contact = contactOf(e);
                        if (contact != null) {
                            touched.add(new ContactId(e.tenantId(), contact));
                        }
                    }
                })
                .replaceWithVoid();
    }

    private static String contactOf(SwitchboardEvent event) {
        if (event instanceof ContactQueued e) {
            return e.contactId();
        } else if (event instanceof ContactAssigned e) {
            return e.contactId();
        } else if (event instanceof ContactAbandoned e) {
            return e.queueId() == null ? null : e.contactId();
        } else if (event instanceof ContactTransferred e) {
            return e.fromQueueId() == null ? null : e.contactId();
        } else if (event instanceof ContactCreated e) {
            return e.contactId();
        } else if (event instanceof ContactEnded e) {
            return e.contactId();
        } else if (event instanceof WrapUpCompleted e) {
            return e.contactId();
        } else if (event instanceof ContactSurveyAnswered e) {
            return e.contactId();
        }
        return null;
    }

    // ---- 2. contacts whose customer may change --------------------------------------------------------

    private Uni<Void> contactsOfCustomerEvents() {
        List<String> tenants = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (SwitchboardEvent e : events) {
            if (e instanceof CustomerUpdated updated) {
                for (Address address : updated.identities()) {
                    tenants.add(e.tenantId());
                    addresses.add(CustomerKeys.of(address));
                    keys.add(null);
                }
            } else if (e instanceof CustomerMerged merged) {
                tenants.add(e.tenantId());
                addresses.add(null);
                keys.add(CustomerKeys.CUSTOMER_PREFIX + merged.mergedCustomerId());
            }
        }
        if (tenants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("SELECT c.tenant_id, c.contact_id FROM unnest($1::text[], $2::text[], $3::text[]) AS k(tenant_id, address, key)"
                + " JOIN contact_fact c ON c.tenant_id = k.tenant_id AND (c.from_key = k.address OR c.customer_key = k.key)")
                .execute(Tuple.tuple().addArrayOfString(tenants.toArray(String[]::new))
                        .addArrayOfString(addresses.toArray(String[]::new)).addArrayOfString(keys.toArray(String[]::new)))
                .invoke(rows -> rows.forEach(row -> touched.add(new ContactId(row.getString(0), row.getString(1)))))
                .replaceWithVoid();
    }

    // ---- 3. the facts of every touched contact, locked ------------------------------------------------

    private Uni<Void> loadFacts() {
        if (touched.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple keys = Tuple.tuple().addArrayOfString(touched.stream().map(ContactId::tenantId).toArray(String[]::new))
                .addArrayOfString(touched.stream().map(ContactId::contactId).toArray(String[]::new));
        String wanted = " WHERE (tenant_id, contact_id) IN (SELECT * FROM unnest($1::text[], $2::text[])) FOR UPDATE";
        return db.preparedQuery("SELECT " + Sql.LEG_COLUMNS + ", l.handle_end, l.busy_end FROM leg_fact l" + wanted.replace("(tenant_id, contact_id)", "(l.tenant_id, l.contact_id)"))
                .execute(keys)
                .invoke(rows -> rows.forEach(row -> {
                    LegFact leg = Sql.leg(row);
                    LegId id = new LegId(leg.tenantId(), leg.contactId(), leg.queueId());
                    legsBefore.put(id, leg);
                    legs.put(id, leg);
                    endsBefore.put(id, Arrays.asList(instant(row.getOffsetDateTime("handle_end")), instant(row.getOffsetDateTime("busy_end"))));
                }))
                .chain(() -> db.preparedQuery("SELECT c.tenant_id, " + Sql.CONTACT_COLUMNS + " FROM contact_fact c"
                        + wanted.replace("(tenant_id, contact_id)", "(c.tenant_id, c.contact_id)")).execute(keys))
                .invoke(rows -> rows.forEach(row -> {
                    ContactFact contact = Sql.contact(row, row.getString("tenant_id"));
                    ContactId id = new ContactId(contact.tenantId(), contact.contactId());
                    contactsBefore.put(id, contact);
                    contacts.put(id, contact);
                }))
                .chain(() -> db.preparedQuery("SELECT tenant_id, contact_id, agent_id, queue_id, completed_at FROM wrap_fact" + wanted)
                        .execute(keys))
                .invoke(rows -> rows.forEach(row -> {
                    WrapFact wrap = new WrapFact(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                            instant(row.getOffsetDateTime(4)));
                    WrapId id = new WrapId(wrap.tenantId(), wrap.contactId(), wrap.agentId());
                    wrapsBefore.put(id, wrap);
                    wraps.put(id, wrap);
                }))
                .replaceWithVoid();
    }

    // ---- 4. merge -------------------------------------------------------------------------------------

    private Uni<Void> mergeEvents() {
        for (SwitchboardEvent event : events) {
            if (event instanceof ContactQueued e) {
                updateLeg(e.tenantId(), e.contactId(), e.queueId(), leg -> FactMerge.queued(leg, e));
            } else if (event instanceof ContactAssigned e) {
                updateLeg(e.tenantId(), e.contactId(), e.queueId(), leg -> FactMerge.assigned(leg, e));
            } else if (event instanceof ContactAbandoned e && e.queueId() != null) {
                updateLeg(e.tenantId(), e.contactId(), e.queueId(), leg -> FactMerge.abandoned(leg, e));
            } else if (event instanceof ContactTransferred e && e.fromQueueId() != null) {
                updateLeg(e.tenantId(), e.contactId(), e.fromQueueId(), leg -> FactMerge.transferredOut(leg, e));
            } else if (event instanceof ContactCreated e) {
                ContactId id = new ContactId(e.tenantId(), e.contactId());
                contacts.put(id, FactMerge.created(contacts.getOrDefault(id, ContactFact.empty(e.tenantId(), e.contactId())), e));
            } else if (event instanceof ContactEnded e) {
                ContactId id = new ContactId(e.tenantId(), e.contactId());
                contacts.put(id, FactMerge.ended(contacts.getOrDefault(id, ContactFact.empty(e.tenantId(), e.contactId())), e));
            } else if (event instanceof ContactSurveyAnswered e) {
                ContactId id = new ContactId(e.tenantId(), e.contactId());
                contacts.put(id, FactMerge.surveyAnswered(contacts.getOrDefault(id, ContactFact.empty(e.tenantId(), e.contactId())), e));
            } else if (event instanceof WrapUpCompleted e) {
                WrapId id = new WrapId(e.tenantId(), e.contactId(), e.agentId());
                wraps.put(id, FactMerge.wrapUp(wraps.get(id), e));
            }
        }
        return Uni.createFrom().voidItem();
    }

    private void updateLeg(String tenant, String contact, String queue, java.util.function.UnaryOperator<LegFact> change) {
        LegId id = new LegId(tenant, contact, queue);
        legs.put(id, change.apply(legs.getOrDefault(id, LegFact.empty(tenant, contact, queue))));
    }

    // ---- 5. configuration -----------------------------------------------------------------------------

    private Uni<Void> writeConfiguration() {
        Map<List<String>, QueueConfigured> queues = new LinkedHashMap<>();
        Map<String, TenantConfigured> tenants = new LinkedHashMap<>();
        for (SwitchboardEvent event : events) {
            if (event instanceof QueueConfigured q) {
                queues.merge(List.of(q.tenantId(), q.queueId()), q, Queues::latest);
            } else if (event instanceof TenantConfigured t) {
                tenants.merge(t.tenantId(), t, (a, b) -> a.occurredAt().compareTo(b.occurredAt()) >= 0 ? a : b);
            }
        }
        return Sql.each(queues.values(), this::writeQueue)
                .chain(() -> Sql.each(tenants.values(), this::writeTenant));
    }

    private Uni<Void> writeTenant(TenantConfigured tenant) {
        if (!ZoneId.getAvailableZoneIds().contains(tenant.timeZone()) && !"UTC".equals(tenant.timeZone())) {
            // A zone that cannot cut days is not taken: retrying the batch would never get past it.
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("SELECT time_zone FROM tenant_config WHERE tenant_id = $1 FOR UPDATE").execute(Tuple.of(tenant.tenantId()))
                .chain(before -> {
                    String zone = before.iterator().hasNext() ? before.iterator().next().getString(0) : "UTC";
                    return db.preparedQuery("INSERT INTO tenant_config (tenant_id, time_zone, occurred_at, event_id) VALUES ($1, $2, $3, $4)"
                            + " ON CONFLICT (tenant_id) DO UPDATE SET time_zone = excluded.time_zone, occurred_at = excluded.occurred_at,"
                            + " event_id = excluded.event_id WHERE tenant_config.occurred_at <= excluded.occurred_at RETURNING time_zone")
                            .execute(Tuple.of(tenant.tenantId(), tenant.timeZone(), time(tenant.occurredAt()), tenant.eventId()))
                            .invoke(after -> after.forEach(row -> {
                                if (!row.getString(0).equals(zone)) {
                                    zoneChanged.add(tenant.tenantId());
                                }
                            }));
                })
                .replaceWithVoid();
    }

    private Uni<Void> writeQueue(QueueConfigured queue) {
        int threshold = Queues.thresholdSeconds(queue);
        return db.preparedQuery("SELECT threshold_seconds, occurred_at, event_id FROM queue_config WHERE tenant_id = $1 AND queue_id = $2 FOR UPDATE")
                .execute(Tuple.of(queue.tenantId(), queue.queueId()))
                .chain(rows -> {
                    Row current = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    if (current != null) {
                        int order = instant(current.getOffsetDateTime(1)).compareTo(queue.occurredAt());
                        if (order > 0 || (order == 0 && current.getUUID(2).compareTo(queue.eventId()) >= 0)) {
                            return Uni.createFrom().voidItem();
                        }
                    }
                    int before = current == null ? Queues.thresholdSeconds(null) : current.getInteger(0);
                    if (before != threshold) {
                        thresholdChanged.add(List.of(queue.tenantId(), queue.queueId()));
                    }
                    return db.preparedQuery("INSERT INTO queue_config (tenant_id, queue_id, threshold_seconds, occurred_at, event_id)"
                            + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, queue_id) DO UPDATE SET threshold_seconds ="
                            + " excluded.threshold_seconds, occurred_at = excluded.occurred_at, event_id = excluded.event_id")
                            .execute(Tuple.of(queue.tenantId(), queue.queueId(), threshold, time(queue.occurredAt()), queue.eventId()))
                            .replaceWithVoid();
                });
    }

    // ---- 6. customers ---------------------------------------------------------------------------------

    private Uni<Void> writeCustomers() {
        List<Tuple> identities = new ArrayList<>();
        List<Tuple> merges = new ArrayList<>();
        for (SwitchboardEvent event : events) {
            if (event instanceof CustomerUpdated e) {
                for (Address address : e.identities()) {
                    identities.add(Tuple.of(e.tenantId(), CustomerKeys.of(address), e.customerId(), time(e.occurredAt())));
                }
            } else if (event instanceof CustomerMerged e) {
                merges.add(Tuple.of(e.tenantId(), e.mergedCustomerId(), e.customerId()));
            }
        }
        // The latest snapshot that lists an address owns it; equal times go to the greater customer id, as in FactBook.
        Uni<Void> written = identities.isEmpty() ? Uni.createFrom().voidItem()
                : db.preparedQuery("INSERT INTO customer_identity (tenant_id, address_key, customer_id, occurred_at) VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT (tenant_id, address_key) DO UPDATE SET customer_id = excluded.customer_id, occurred_at = excluded.occurred_at"
                        + " WHERE (customer_identity.occurred_at, customer_identity.customer_id COLLATE \"C\")"
                        + " < (excluded.occurred_at, excluded.customer_id COLLATE \"C\")")
                        .executeBatch(identities).replaceWithVoid();
        if (merges.isEmpty()) {
            return written;
        }
        return written.chain(() -> db.preparedQuery("INSERT INTO customer_merge (tenant_id, merged_customer_id, customer_id)"
                + " VALUES ($1, $2, $3) ON CONFLICT (tenant_id, merged_customer_id) DO UPDATE SET customer_id = excluded.customer_id")
                .executeBatch(merges).replaceWithVoid());
    }

    private Uni<Void> resolveCustomerKeys() {
        List<ContactFact> withSender = contacts.values().stream().filter(c -> c.fromKey() != null).toList();
        if (withSender.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return new CustomerDirectory(db).keys(withSender)
                .invoke(keys -> withSender.forEach(c -> {
                    ContactId id = new ContactId(c.tenantId(), c.contactId());
                    contacts.put(id, c.withCustomerKey(keys.get(id)));
                }))
                .replaceWithVoid();
    }

    // ---- 7. write what changed ------------------------------------------------------------------------

    private Uni<Void> writeFacts() {
        List<LegFact> legRows = new ArrayList<>();
        List<OffsetDateTime> handleEnds = new ArrayList<>();
        List<OffsetDateTime> busyEnds = new ArrayList<>();
        legs.forEach((id, leg) -> {
            ContactFact contact = contacts.get(new ContactId(leg.tenantId(), leg.contactId()));
            WrapFact wrap = leg.agentId() == null ? null : wraps.get(new WrapId(leg.tenantId(), leg.contactId(), leg.agentId()));
            Instant handleEnd = Sql.stored(new LegReport(leg, contact, null, 0, false).handleEnd());
            // The end of the agent's busy stretches of this leg, as far as the agents' windows need it (V5).
            Instant busyEnd = Sql.stored(wrap == null || (handleEnd != null && handleEnd.isAfter(wrap.completedAt())) ? handleEnd
                    : wrap.completedAt());
            if (!leg.equals(legsBefore.get(id)) || !Arrays.asList(handleEnd, busyEnd).equals(endsBefore.get(id))) {
                legRows.add(leg);
                handleEnds.add(time(handleEnd));
                busyEnds.add(time(busyEnd));
            }
        });
        List<ContactFact> contactRows = new ArrayList<>();
        contacts.forEach((id, c) -> {
            if (!c.equals(contactsBefore.get(id))) {
                contactRows.add(c);
            }
        });
        List<WrapFact> wrapRows = new ArrayList<>();
        wraps.forEach((id, w) -> {
            if (!w.equals(wrapsBefore.get(id))) {
                wrapRows.add(w);
            }
        });
        // One multi-row statement per table (each row's key is there once: they come from maps by key).
        Uni<Void> done = Uni.createFrom().voidItem();
        if (!legRows.isEmpty()) {
            Tuple arrays = Tuple.tuple().addArrayOfString(strings(legRows, LegFact::tenantId)).addArrayOfString(strings(legRows, LegFact::contactId))
                    .addArrayOfString(strings(legRows, LegFact::queueId)).addArrayOfString(strings(legRows, l -> Sql.name(l.channel())))
                    .addArrayOfOffsetDateTime(times(legRows, LegFact::queuedAt)).addArrayOfOffsetDateTime(times(legRows, LegFact::interval))
                    .addArrayOfOffsetDateTime(times(legRows, LegFact::assignedAt)).addArrayOfString(strings(legRows, LegFact::agentId))
                    .addArrayOfOffsetDateTime(times(legRows, LegFact::abandonedAt))
                    .addArrayOfLong(legRows.stream().map(LegFact::waitedSeconds).toArray(Long[]::new))
                    .addArrayOfOffsetDateTime(times(legRows, LegFact::transferredAt))
                    .addArrayOfInteger(legRows.stream().map(LegFact::transfers).toArray(Integer[]::new))
                    .addArrayOfInteger(legRows.stream().map(LegFact::overflows).toArray(Integer[]::new))
                    .addArrayOfOffsetDateTime(handleEnds.toArray(OffsetDateTime[]::new))
                    .addArrayOfOffsetDateTime(busyEnds.toArray(OffsetDateTime[]::new));
            done = done.chain(() -> db.preparedQuery("INSERT INTO leg_fact (tenant_id, contact_id, queue_id, channel, queued_at,"
                    + " interval_start, assigned_at, agent_id, abandoned_at, waited_seconds, transferred_at, transfers, overflows,"
                    + " handle_end, busy_end) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],"
                    + " $6::timestamptz[], $7::timestamptz[], $8::text[], $9::timestamptz[], $10::bigint[], $11::timestamptz[],"
                    + " $12::integer[], $13::integer[], $14::timestamptz[], $15::timestamptz[]) ON CONFLICT (tenant_id, contact_id, queue_id)"
                    + " DO UPDATE SET channel = excluded.channel, queued_at = excluded.queued_at, interval_start = excluded.interval_start,"
                    + " assigned_at = excluded.assigned_at, agent_id = excluded.agent_id, abandoned_at = excluded.abandoned_at,"
                    + " waited_seconds = excluded.waited_seconds, transferred_at = excluded.transferred_at,"
                    + " transfers = excluded.transfers, overflows = excluded.overflows, handle_end = excluded.handle_end,"
                    + " busy_end = excluded.busy_end").execute(arrays).replaceWithVoid());
        }
        if (!contactRows.isEmpty()) {
            Tuple arrays = Tuple.tuple().addArrayOfString(strings(contactRows, ContactFact::tenantId))
                    .addArrayOfString(strings(contactRows, ContactFact::contactId)).addArrayOfString(strings(contactRows, c -> Sql.name(c.channel())))
                    .addArrayOfString(strings(contactRows, ContactFact::fromKey)).addArrayOfOffsetDateTime(times(contactRows, ContactFact::createdAt))
                    .addArrayOfOffsetDateTime(times(contactRows, ContactFact::endedAt)).addArrayOfString(strings(contactRows, ContactFact::endReason))
                    .addArrayOfString(strings(contactRows, ContactFact::disposition))
                    .addArrayOfLong(contactRows.stream().map(ContactFact::talkSeconds).toArray(Long[]::new))
                    .addArrayOfLong(contactRows.stream().map(ContactFact::holdSeconds).toArray(Long[]::new))
                    .addArrayOfString(strings(contactRows, ContactFact::customerKey))
                    .addArrayOfInteger(contactRows.stream().map(ContactFact::surveyScore).toArray(Integer[]::new))
                    .addArrayOfOffsetDateTime(times(contactRows, ContactFact::surveyAt));
            done = done.chain(() -> db.preparedQuery("INSERT INTO contact_fact (tenant_id, contact_id, channel, from_key, created_at,"
                    + " ended_at, end_reason, disposition, talk_seconds, hold_seconds, customer_key, survey_score, survey_at)"
                    + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],"
                    + " $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::text[], $12::integer[], $13::timestamptz[])"
                    + " ON CONFLICT (tenant_id, contact_id) DO UPDATE SET"
                    + " channel = excluded.channel, from_key = excluded.from_key, created_at = excluded.created_at,"
                    + " ended_at = excluded.ended_at, end_reason = excluded.end_reason, disposition = excluded.disposition,"
                    + " talk_seconds = excluded.talk_seconds, hold_seconds = excluded.hold_seconds,"
                    + " customer_key = excluded.customer_key, survey_score = excluded.survey_score,"
                    + " survey_at = excluded.survey_at").execute(arrays).replaceWithVoid());
        }
        if (!wrapRows.isEmpty()) {
            Tuple arrays = Tuple.tuple().addArrayOfString(strings(wrapRows, WrapFact::tenantId)).addArrayOfString(strings(wrapRows, WrapFact::contactId))
                    .addArrayOfString(strings(wrapRows, WrapFact::agentId)).addArrayOfString(strings(wrapRows, WrapFact::queueId))
                    .addArrayOfOffsetDateTime(times(wrapRows, WrapFact::completedAt));
            done = done.chain(() -> db.preparedQuery("INSERT INTO wrap_fact (tenant_id, contact_id, agent_id, queue_id, completed_at)"
                    + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])"
                    + " ON CONFLICT (tenant_id, contact_id, agent_id) DO UPDATE SET"
                    + " queue_id = excluded.queue_id, completed_at = excluded.completed_at").execute(arrays).replaceWithVoid());
        }
        return done;
    }

    private static <T> String[] strings(List<T> rows, java.util.function.Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }

    private static <T> OffsetDateTime[] times(List<T> rows, java.util.function.Function<T, Instant> column) {
        return rows.stream().map(column).map(Sql::time).toArray(OffsetDateTime[]::new);
    }

    private Uni<Void> writeAgentStates() {
        List<AgentStateChanged> changes = events.stream().filter(AgentStateChanged.class::isInstance)
                .map(AgentStateChanged.class::cast).toList();
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = changes.stream().map(c -> Tuple.of(c.tenantId(), c.agentId(), time(c.occurredAt()), c.eventId(),
                c.state().name())).toList();
        String[] tenants = changes.stream().map(AgentStateChanged::tenantId).toArray(String[]::new);
        String[] agents = changes.stream().map(AgentStateChanged::agentId).toArray(String[]::new);
        OffsetDateTime[] ats = changes.stream().map(c -> time(c.occurredAt())).toArray(OffsetDateTime[]::new);
        return db.preparedQuery("INSERT INTO agent_state (tenant_id, agent_id, at, event_id, state) VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT DO NOTHING").executeBatch(rows)
                // A new change reshapes the segment it falls in: from the agent's change before it to the one after.
                .chain(() -> db.preparedQuery("SELECT k.tenant_id, k.agent_id, k.at,"
                        + " (SELECT max(s.at) FROM agent_state s WHERE s.tenant_id = k.tenant_id AND s.agent_id = k.agent_id AND s.at < k.at),"
                        + " (SELECT min(s.at) FROM agent_state s WHERE s.tenant_id = k.tenant_id AND s.agent_id = k.agent_id AND s.at > k.at)"
                        + " FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(tenant_id, agent_id, at)")
                        .execute(Tuple.tuple().addArrayOfString(tenants).addArrayOfString(agents).addArrayOfOffsetDateTime(ats)))
                .invoke(result -> result.forEach(row -> {
                    Instant at = instant(row.getOffsetDateTime(2));
                    Instant before = instant(row.getOffsetDateTime(3));
                    Instant after = instant(row.getOffsetDateTime(4));
                    widen(row.getString(0), row.getString(1), before == null ? at : before, after == null ? at : after);
                }))
                .replaceWithVoid();
    }

    // ---- 8. what to recompute -------------------------------------------------------------------------

    private Uni<Void> affectedIntervals() {
        // The intervals the touched contacts' legs were and are counted in.
        for (Map<LegId, LegFact> side : List.of(legsBefore, legs)) {
            side.values().forEach(leg -> {
                if (leg.interval() != null) {
                    intervals.add(new Recomputation.IntervalKey(leg.tenantId(), leg.interval()));
                }
            });
        }
        agentWindowsOfContacts();
        // Earlier contacts of the same customer: whether they came back within 24 h may have changed, but only
        // where a contact's customer or creation time did (an end or a survey changes nobody else's figures).
        List<String> tenants = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<OffsetDateTime> created = new ArrayList<>();
        for (ContactId id : touched) {
            ContactFact before = contactsBefore.get(id);
            ContactFact after = contacts.get(id);
            if (before != null && after != null && Objects.equals(before.customerKey(), after.customerKey())
                    && Objects.equals(before.createdAt(), after.createdAt())) {
                continue;
            }
            for (ContactFact c : new ContactFact[] { before, after }) {
                if (c != null && c.customerKey() != null && c.createdAt() != null) {
                    tenants.add(c.tenantId());
                    keys.add(c.customerKey());
                    created.add(time(c.createdAt()));
                }
            }
        }
        Uni<Void> neighbours = tenants.isEmpty() ? Uni.createFrom().voidItem()
                : db.preparedQuery("SELECT DISTINCT l.tenant_id, l.interval_start FROM unnest($1::text[], $2::text[], $3::timestamptz[])"
                        + " AS k(tenant_id, customer_key, created_at) JOIN contact_fact c ON c.tenant_id = k.tenant_id"
                        + " AND c.customer_key = k.customer_key AND c.created_at >= k.created_at - $4::integer * interval '1 second' AND c.created_at < k.created_at"
                        + " JOIN leg_fact l ON l.tenant_id = c.tenant_id AND l.contact_id = c.contact_id WHERE l.interval_start IS NOT NULL")
                        .execute(Tuple.tuple().addArrayOfString(tenants.toArray(String[]::new)).addArrayOfString(keys.toArray(String[]::new))
                                .addArrayOfOffsetDateTime(created.toArray(OffsetDateTime[]::new))
                                .addInteger((int) FirstContactResolution.WINDOW.toSeconds()))
                        .invoke(this::addIntervals).replaceWithVoid();
        return neighbours.chain(() -> Sql.each(thresholdChanged, queue -> db.preparedQuery(
                "SELECT DISTINCT tenant_id, interval_start FROM leg_fact WHERE tenant_id = $1 AND queue_id = $2 AND interval_start IS NOT NULL")
                .execute(Tuple.of(queue.get(0), queue.get(1))).invoke(rows -> {
                    rows.forEach(row -> recomputed.add(new Recomputation.IntervalKey(row.getString(0), instant(row.getOffsetDateTime(1)))));
                    addIntervals(rows);
                })));
    }

    private void addIntervals(Iterable<Row> rows) {
        rows.forEach(row -> intervals.add(new Recomputation.IntervalKey(row.getString(0), instant(row.getOffsetDateTime(1)))));
    }

    /** Each agent of a touched contact, over every instant its facts name before and after the batch. */
    private void agentWindowsOfContacts() {
        Map<ContactId, List<Instant>> times = new HashMap<>();
        Map<ContactId, Set<String>> agents = new HashMap<>();
        for (Map<LegId, LegFact> side : List.of(legsBefore, legs)) {
            for (LegFact leg : side.values()) {
                if (leg.answered()) {
                    ContactId id = new ContactId(leg.tenantId(), leg.contactId());
                    agents.computeIfAbsent(id, k -> new HashSet<>()).add(leg.agentId());
                    times.computeIfAbsent(id, k -> new ArrayList<>()).add(leg.assignedAt());
                    times.get(id).add(leg.transferredAt());
                }
            }
        }
        for (Map<WrapId, WrapFact> side : List.of(wrapsBefore, wraps)) {
            for (WrapFact wrap : side.values()) {
                ContactId id = new ContactId(wrap.tenantId(), wrap.contactId());
                agents.computeIfAbsent(id, k -> new HashSet<>()).add(wrap.agentId());
                times.computeIfAbsent(id, k -> new ArrayList<>()).add(wrap.completedAt());
            }
        }
        for (Map<ContactId, ContactFact> side : List.of(contactsBefore, contacts)) {
            side.forEach((id, contact) -> times.computeIfAbsent(id, k -> new ArrayList<>()).add(contact.endedAt()));
        }
        agents.forEach((id, names) -> {
            List<Instant> known = times.getOrDefault(id, List.of()).stream().filter(Objects::nonNull).sorted().toList();
            if (!known.isEmpty()) {
                names.forEach(agent -> widen(id.tenantId(), agent, known.get(0), known.get(known.size() - 1)));
            }
        });
    }

    private void widen(String tenant, String agent, Instant from, Instant to) {
        long[] window = agentWindows.computeIfAbsent(new AgentWindow(tenant, agent), k -> new long[] { Long.MAX_VALUE, Long.MIN_VALUE });
        window[0] = Math.min(window[0], from.toEpochMilli());
        window[1] = Math.max(window[1], to.toEpochMilli());
    }

}
