package io.switchboard.routing.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.ConfigEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.domain.DomainRouter;
import io.switchboard.routing.domain.Outcome;
import io.switchboard.routing.domain.QueueDay;
import io.switchboard.routing.domain.Refusal;
import io.switchboard.routing.engine.AgentSnapshot;
import io.switchboard.routing.engine.ContactSnapshot;
import io.switchboard.routing.engine.RoutingException;
import io.switchboard.routing.persistence.RoutingStore;
import io.switchboard.service.messaging.DeadLetter;
import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.service.messaging.RefusalReason;

/**
 * The single writer. Consumes the commands topic, where each routing domain lives in one
 * partition; the consumer group gives each partition, so each domain, to one instance. For every
 * input it runs the domain's engine and, in one database transaction, marks the input processed,
 * saves the changed contacts and agents and queues the output events in the outbox. Offsets are
 * committed after that transaction, so a crash re-delivers inputs that the processed-event mark
 * then skips. When partitions are assigned, their domains are rebuilt from the database first.
 */
@ApplicationScoped
public class Processor implements Runnable {

    private static final Logger LOG = Logger.getLogger(Processor.class);
    private static final URI SOURCE = URI.create(Ingest.ROUTING_SOURCE);

    private final KafkaClients kafka;
    private final RoutingConfig config;
    private final RoutingStore store;
    private final RoutingView view;
    private final RoutingMetrics metrics;
    private final TraceContinuation traces;
    private final Map<String, DomainRouter> routers = new HashMap<>();
    private final Set<Integer> partitions = new HashSet<>();
    /** Domains whose rebuild failed: their inputs wait (the batch is retried) rather than meet an empty engine. */
    private final Set<String> broken = new HashSet<>();
    private volatile Set<String> ownedDomains = Set.of();
    private volatile boolean ready;
    /** Set once the group has handed this instance its partitions (possibly none); a poll can return before that. */
    private volatile boolean joined;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private OutboxRelay relay;

    public Processor(KafkaClients kafka, RoutingConfig config, RoutingStore store, RoutingView view, RoutingMetrics metrics,
            TraceContinuation traces) {
        this.kafka = kafka;
        this.traces = traces;
        this.config = config;
        this.store = store;
        this.view = view;
        this.metrics = metrics;
    }

    /** @param relay takes each committed transaction's outbox rows, and reads the table when partitions are assigned */
    public synchronized void start(OutboxRelay relay) {
        this.relay = relay;
        consumer = kafka.consumer("switchboard-routing", "routing-processor");
        running = true;
        thread = new Thread(this, "routing-processor");
        thread.start();
    }

    /** Not ready while starting, rebuilding domains after an assignment, or when a domain could not be rebuilt. */
    public boolean ready() {
        return ready && brokenCount == 0;
    }

    private volatile int brokenCount;

    /** The domains this instance writes; new ones join when their first input arrives. */
    public Set<String> ownedDomains() {
        return ownedDomains;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(config.commandsTopic()), new Rebalance());
            long nextTick = 0;
            long nextView = 0;
            long nextStats = System.currentTimeMillis() + config.statsInterval().toMillis();
            long nextCleanup = System.currentTimeMillis() + Duration.ofMinutes(1).toMillis();
            boolean uncommitted = false;
            long lastCommit = System.nanoTime();
            while (running) {
                var records = consumer.poll(config.tickInterval());
                ready = joined;
                if (!records.isEmpty() && processBatch(records)) {
                    uncommitted = true;
                }
                // At most once a second and not waited for: inputs whose offsets are lost in a crash
                // come again and are skipped by their processed mark.
                if (uncommitted && System.nanoTime() - lastCommit >= Ingest.COMMIT_INTERVAL_NANOS) {
                    consumer.commitAsync();
                    uncommitted = false;
                    lastCommit = System.nanoTime();
                }
                long now = System.currentTimeMillis();
                if (now >= nextTick) {
                    tickAll(Instant.ofEpochMilli(now));
                    nextTick = now + config.tickInterval().toMillis();
                }
                if (now >= nextStats) {
                    publishStats(Instant.ofEpochMilli(now));
                    nextStats = now + config.statsInterval().toMillis();
                }
                if (now >= nextCleanup) {
                    forgetOldInputs(Instant.ofEpochMilli(now));
                    nextCleanup = now + Duration.ofHours(1).toMillis();
                }
                if (now >= nextView) {
                    view.refresh(routers.values());
                    metrics.refresh(view);
                    nextView = now + config.viewInterval().toMillis();
                }
            }
        } catch (WakeupException stopping) {
            // Shutting down.
        } catch (RuntimeException e) {
            LOG.error("routing processor stopped", e);
            ready = false;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Processes a poll's records in one database transaction: the engine works in memory, and one
     * commit (one disk flush) covers them all. On any failure nothing of the batch is kept: the
     * touched domains are rebuilt from the database and the consumer is rewound to the batch.
     * Returns true when the batch is committed.
     */
    private boolean processBatch(ConsumerRecords<String, byte[]> records) {
        Set<String> touched = new HashSet<>();
        List<RoutingStore.OutboxRow> committed;
        try (Connection connection = store.connect()) {
            try {
                List<ConsumerRecord<String, byte[]>> inputs = new ArrayList<>();
                List<SwitchboardEvent> events = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    touched.add(record.key());
                    IncomingEvents.decode(record).ifPresent(event -> {
                        inputs.add(record);
                        events.add(event);
                    });
                }
                List<byte[]> digests = events.stream().map(InputDigest::of).toList();
                Set<UUID> fresh = store.markProcessed(connection, events.stream().map(SwitchboardEvent::eventId).toList(),
                        inputs.stream().map(ConsumerRecord::key).toList(), digests);
                Map<UUID, byte[]> first = new HashMap<>(store.digestsOf(connection, events.stream()
                        .map(SwitchboardEvent::eventId).filter(id -> !fresh.contains(id)).collect(Collectors.toSet())));
                Pending pending = new Pending();
                for (int i = 0; i < inputs.size(); i++) {
                    SwitchboardEvent event = events.get(i);
                    byte[] seen = first.putIfAbsent(event.eventId(), digests.get(i));
                    if (seen == null && fresh.contains(event.eventId())) {
                        process(connection, inputs.get(i), event, pending);
                    } else if (seen != null && !java.util.Arrays.equals(seen, digests.get(i))) {
                        refuseTakenId(inputs.get(i), event, pending);
                    }
                }
                committed = pending.flush(connection);
                connection.commit();
                metrics.decided(pending.decided);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "could not record a batch of %d inputs; rebuilding %s and retrying", records.count(), touched);
            touched.forEach(this::rebuild);
            brokenCount = broken.size();
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
            sleepQuietly(Duration.ofSeconds(1));
            return false;
        }
        relay.committed(committed);
        return true;
    }

    private void process(Connection connection, ConsumerRecord<String, byte[]> record, SwitchboardEvent event, Pending pending)
            throws SQLException {
        String domain = record.key();
        if (broken.contains(domain)) {
            throw new IllegalStateException("routing domain " + domain + " could not be rebuilt; its inputs wait");
        }
        DomainRouter router = routers.get(domain);
        if (router == null) {
            router = new DomainRouter(domain, config.missedOffersBeforeAway());
            routers.put(domain, router);
            ownedDomains = Set.copyOf(routers.keySet());
        }
        try (TraceContinuation.Decision trace = traces.begin(record, EventType.of(event).type(),
                event instanceof io.switchboard.events.ContactEvent contact ? contact.contactId() : null)) {
            Outcome outcome;
            try {
                outcome = router.handle(event, Instant.now());
            } catch (RoutingException refused) {
                outcome = Outcome.refused(Refusal.of(Refusal.Kind.INVALID, refused.getMessage()));
            }
            if (event instanceof ConfigEvent configEvent && outcome.deadLetter().isEmpty()) {
                store.saveConfig(connection, domain, configRow(configEvent, record.value()));
            }
            pending.add(router, outcome, trace.traceparent());
            if (outcome.deadLetter().isPresent()) {
                deadLetter(record, event, outcome.deadLetter().get(), trace.traceparent(), pending);
            }
        }
    }

    /**
     * An event id already processed for other content: not a redelivery, which would be skipped, but a
     * publisher reusing ids, whose new event would otherwise vanish. Dead-lettered under its own key.
     */
    private void refuseTakenId(ConsumerRecord<String, byte[]> record, SwitchboardEvent event, Pending pending) {
        String type = EventType.of(event).type();
        try (TraceContinuation.Decision trace = traces.begin(record, type,
                event instanceof io.switchboard.events.ContactEvent contact ? contact.contactId() : null)) {
            Refusal refusal = new Refusal(Refusal.Kind.ID_CONFLICT, "event id " + event.eventId() + " was taken before by an event"
                    + " with other content; a retry re-sends the same event, a new event needs a new id", "id");
            deadLetter(record, event, refusal, trace.traceparent(), pending);
        }
    }

    /** Through the outbox, exactly once with the input's mark, under the integrator's key (the event's subject). */
    private static void deadLetter(ConsumerRecord<String, byte[]> record, SwitchboardEvent event, Refusal refusal, String traceparent,
            Pending pending) {
        LOG.warnf("dead-lettering %s %s: %s", EventType.of(event).type(), event.eventId(), refusal);
        pending.outbox.add(new RoutingStore.OutboxInsert(record.key(), Topics.DEAD_LETTER, event.subject(), record.value(),
                deadLetterHeaders(record, refusal, traceparent)));
    }

    /**
     * The dead-letter headers of a refused input, pointing at the record routing's ingest first read
     * (its {@code switchboard-origin} header: topic/partition@offset), not at its internal copy.
     */
    private static String deadLetterHeaders(ConsumerRecord<String, byte[]> record, Refusal refusal, String traceparent) {
        var origin = record.headers().lastHeader("switchboard-origin");
        String where = origin == null ? record.topic() + "/" + record.partition() + "@" + record.offset()
                : new String(origin.value(), java.nio.charset.StandardCharsets.UTF_8);
        int slash = where.lastIndexOf('/');
        int at = where.lastIndexOf('@');
        RefusalReason code = switch (refusal.kind()) {
            case UNKNOWN_TENANT -> RefusalReason.UNKNOWN_TENANT;
            case UNKNOWN_ENTRY_POINT -> RefusalReason.UNKNOWN_ENTRY_POINT;
            case ID_CONFLICT -> RefusalReason.DUPLICATE_ID_CONFLICT;
            case INVALID -> RefusalReason.UNPROCESSABLE;
        };
        List<String> pairs = new ArrayList<>(DeadLetter.headers(where.substring(0, slash), Integer.parseInt(where.substring(slash + 1, at)),
                Long.parseLong(where.substring(at + 1)), "routing/Processor", code, refusal.text(), refusal.field()));
        pairs.addAll(List.of("reason", refusal.text(), TraceContinuation.HEADER, traceparent));
        return OutboxHeaders.of(pairs.toArray(String[]::new));
    }

    private void tickAll(Instant now) {
        Pending pending = new Pending();
        for (DomainRouter router : List.copyOf(routers.values())) {
            pending.add(router, router.tick(now));
        }
        if (pending.isEmpty()) {
            return;
        }
        try (Connection connection = store.connect()) {
            List<RoutingStore.OutboxRow> committed;
            try {
                committed = pending.flush(connection);
                connection.commit();
                metrics.decided(pending.decided);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            relay.committed(committed);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "could not record timers; rebuilding %s", pending.domains());
            pending.domains().forEach(this::rebuild);
        }
    }

    private void forgetOldInputs(Instant now) {
        try {
            int forgotten = store.forgetProcessedBefore(now.minus(config.processedRetention()));
            if (forgotten > 0) {
                LOG.infof("forgot %d processed input ids older than %s", forgotten, config.processedRetention());
            }
        } catch (SQLException e) {
            LOG.warn("could not forget old processed input ids; trying again in an hour", e);
        }
    }

    private void publishStats(Instant now) {
        Pending pending = new Pending();
        for (DomainRouter router : routers.values()) {
            for (var stats : router.stats(now)) {
                pending.outbox.add(new RoutingStore.OutboxInsert(router.domain(), Topics.ROUTING, stats.subject(),
                        EventCodec.encode(stats, SOURCE), null));
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        try (Connection connection = store.connect()) {
            List<RoutingStore.OutboxRow> committed = pending.flush(connection);
            connection.commit();
            relay.committed(committed);
        } catch (SQLException e) {
            LOG.warn("could not queue the queue statistics; they are sent again at the next interval", e);
        }
    }

    /**
     * What a batch changed, written at its end: each changed contact and agent once (their latest
     * state), and the output events in the order they were decided.
     */
    private final class Pending {

        private final Map<String, Set<String>> contacts = new LinkedHashMap<>();
        private final Map<String, Set<String>> agents = new LinkedHashMap<>();
        private final Map<String, Set<String>> queues = new LinkedHashMap<>();
        private final List<RoutingStore.OutboxInsert> outbox = new ArrayList<>();
        /** The decisions' events, counted in the metrics once the batch is committed. */
        private final List<SwitchboardEvent> decided = new ArrayList<>();

        void add(DomainRouter router, Outcome outcome) {
            add(router, outcome, null);
        }

        /** @param traceparent the context the decision's events carry (the input's trace), or null */
        void add(DomainRouter router, Outcome outcome, String traceparent) {
            String domain = router.domain();
            if (!outcome.contacts().isEmpty()) {
                contacts.computeIfAbsent(domain, d -> new LinkedHashSet<>()).addAll(outcome.contacts());
            }
            if (!outcome.agents().isEmpty()) {
                agents.computeIfAbsent(domain, d -> new LinkedHashSet<>()).addAll(outcome.agents());
            }
            if (!outcome.queues().isEmpty()) {
                queues.computeIfAbsent(domain, d -> new LinkedHashSet<>()).addAll(outcome.queues());
            }
            decided.addAll(outcome.events());
            for (SwitchboardEvent event : outcome.events()) {
                outbox.add(new RoutingStore.OutboxInsert(domain, EventType.topicOf(event), event.subject(),
                        EventCodec.encode(event, SOURCE, traceparent), OutboxHeaders.of(TraceContinuation.HEADER, traceparent)));
            }
        }

        boolean isEmpty() {
            return contacts.isEmpty() && agents.isEmpty() && queues.isEmpty() && outbox.isEmpty();
        }

        Set<String> domains() {
            Set<String> domains = new HashSet<>(contacts.keySet());
            domains.addAll(agents.keySet());
            outbox.forEach(row -> domains.add(row.domain()));
            return domains;
        }

        /** Writes it all; returns the outbox rows with their ids, for the relay once committed. */
        List<RoutingStore.OutboxRow> flush(Connection connection) throws SQLException {
            for (var entry : contacts.entrySet()) {
                DomainRouter router = routers.get(entry.getKey());
                List<ContactSnapshot> changed = new ArrayList<>();
                List<String> finished = new ArrayList<>();
                for (String contactId : entry.getValue()) {
                    router.engine().contactSnapshot(contactId).ifPresentOrElse(changed::add, () -> finished.add(contactId));
                }
                store.saveContacts(connection, entry.getKey(), changed);
                store.deleteContacts(connection, finished);
            }
            for (var entry : agents.entrySet()) {
                DomainRouter router = routers.get(entry.getKey());
                List<AgentSnapshot> changed = new ArrayList<>();
                for (String agentId : entry.getValue()) {
                    router.engine().agentSnapshot(agentId).ifPresent(changed::add);
                }
                store.saveAgents(connection, entry.getKey(), changed);
            }
            Instant now = Instant.now();
            for (var entry : queues.entrySet()) {
                DomainRouter router = routers.get(entry.getKey());
                Map<String, QueueDay> days = new LinkedHashMap<>();
                entry.getValue().forEach(queueId -> days.put(queueId, router.day(queueId, now)));
                store.saveQueueDays(connection, entry.getKey(), days);
            }
            return store.addToOutbox(connection, outbox);
        }
    }

    /** Replaces the domain's engine with one built from the database: configuration, agents, then contacts in arrival order. */
    private void rebuild(String domain) {
        DomainRouter router = new DomainRouter(domain, config.missedOffersBeforeAway());
        try {
            Instant now = Instant.now();
            for (RoutingStore.ConfigRow row : store.configOf(domain)) {
                if (EventCodec.decode(row.cloudEvent()) instanceof DecodeResult.Decoded decoded) {
                    router.handle(decoded.event(), now);
                }
            }
            for (AgentSnapshot agent : store.agentsOf(domain)) {
                try {
                    router.engine().restoreAgent(agent.agentId(), agent.state(), agent.idleSince(), agent.wrapUpEnds(),
                            agent.missedOffers());
                } catch (RoutingException unknown) {
                    LOG.warnf("agent %s has state but no configuration in domain %s", agent.agentId(), domain);
                }
            }
            store.queueDaysOf(domain).forEach(router::restoreDay);
            for (ContactSnapshot contact : store.contactsOf(domain)) {
                router.remember(contact.request());
                router.engine().restoreContact(contact.request(), contact.rejectedBy(), contact.attempts(), contact.agentId(),
                        contact.offerId(), contact.offerExpires(), contact.status() == ContactSnapshot.Status.ASSIGNED,
                        contact.queuedAt());
            }
            routers.put(domain, router);
            broken.remove(domain);
            LOG.infof("rebuilt routing domain %s: %d contacts in flight", domain, router.engine().contactCount());
        } catch (SQLException | RuntimeException e) {
            routers.remove(domain);
            broken.add(domain);
            LOG.errorf(e, "could not rebuild routing domain %s; its inputs wait until it can be", domain);
        }
    }

    private int partitionOf(String domain) {
        return Utils.toPositive(Utils.murmur2(domain.getBytes(StandardCharsets.UTF_8))) % config.commandPartitions();
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            try {
                consumer.commitSync();
            } catch (RuntimeException e) {
                LOG.warn("could not commit offsets before giving up partitions", e);
            }
            revoked.forEach(p -> partitions.remove(p.partition()));
            routers.keySet().removeIf(domain -> !partitions.contains(partitionOf(domain)));
            broken.removeIf(domain -> !partitions.contains(partitionOf(domain)));
            brokenCount = broken.size();
            ownedDomains = Set.copyOf(routers.keySet());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            ready = false;
            assigned.forEach(p -> partitions.add(p.partition()));
            try {
                for (String domain : store.domains()) {
                    if (partitions.contains(partitionOf(domain)) && !routers.containsKey(domain)) {
                        rebuild(domain);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not list routing domains", e);
            }
            ownedDomains = Set.copyOf(routers.keySet());
            brokenCount = broken.size();
            joined = true;
            relay.drainTable();
            LOG.infof("routing owns partitions %s", partitions);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RoutingStore.ConfigRow configRow(ConfigEvent event, byte[] cloudEvent) {
        String kind = event instanceof QueueConfigured ? "QUEUE" : event instanceof AgentConfigured ? "AGENT" : "TENANT";
        return new RoutingStore.ConfigRow(event.subject(), kind, event.tenantId(), cloudEvent);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
