package io.switchboard.routing.crash;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.Direction;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;

/**
 * A small contact center around the routing service, over real Kafka: customers who arrive (and
 * some who hang up), agents who answer offers and finish their contacts, and a ledger that checks
 * every outcome. Thread-safe where the agents' thread and the test thread meet.
 */
final class CenterHarness implements AutoCloseable {

    static final int CAPACITY = 3;

    final String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String bootstrap;
    private final int agentCount;
    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread agents;
    private final SplittableRandom random = new SplittableRandom(5);

    final Set<String> created = ConcurrentHashMap.newKeySet();
    private final Set<String> probes = ConcurrentHashMap.newKeySet();
    private final Set<String> routedProbes = ConcurrentHashMap.newKeySet();
    final Map<String, Set<UUID>> assignedEvents = new ConcurrentHashMap<>();
    final Map<String, Set<UUID>> abandonedEvents = new ConcurrentHashMap<>();
    final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Set<String>> activeByAgent = new HashMap<>();
    private final Map<String, String> agentOfContact = new HashMap<>();
    private final Set<String> hungUp = ConcurrentHashMap.newKeySet();
    private final Set<UUID> seen = new HashSet<>();
    volatile long redelivered;

    CenterHarness(String bootstrap, int agentCount) {
        this.bootstrap = bootstrap;
        this.agentCount = agentCount;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer());
        this.agents = new Thread(this::answerOffers, "simulated-agents");
    }

    void configure() {
        publish(Topics.CONFIG, new TenantConfigured(UUID.randomUUID(), tenant, now(), tenant, "UTC", "GB", null, "chat",
                List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget", "chat"))));
        publish(Topics.CONFIG, new QueueConfigured(UUID.randomUUID(), tenant, now(), "chat", "Chat", Map.of("chat", 1), 0,
                new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.LONGEST_IDLE, 0, 8, 0, null, List.of(), null,
                false, true));
        for (int a = 0; a < agentCount; a++) {
            publish(Topics.CONFIG, new AgentConfigured(UUID.randomUUID(), tenant, now(), agent(a), "Agent " + a, List.of(tenant),
                    Map.of("chat", 3), Map.of(Channel.CHAT, CAPACITY), false, true));
        }
        producer.flush();
    }

    void startAgents() {
        agents.start();
        for (int a = 0; a < agentCount; a++) {
            publish(Topics.AGENTS, new AgentStateChanged(UUID.randomUUID(), tenant, now(), agent(a), AgentStateChanged.State.AVAILABLE,
                    "shift start", null));
        }
    }

    /** A customer writes; one in twenty hangs up shortly after. */
    void customerArrives() {
        String contactId = UUID.randomUUID().toString();
        created.add(contactId);
        publish(Topics.CONTACTS, new ContactCreated(UUID.randomUUID(), tenant, now(), contactId, Channel.CHAT, Direction.INBOUND, "widget",
                Address.chatVisitor("v-" + contactId), null, Map.of(), null, "hello", List.of(), "en", 0, Map.of()));
        if (random.nextInt(20) == 0) {
            clock.schedule(() -> {
                hungUp.add(contactId);
                release(contactId);
                publish(Topics.CONTACTS, new ContactEnded(UUID.randomUUID(), tenant, now(), contactId, Channel.CHAT,
                        ContactEnded.Reason.CUSTOMER_LEFT, null, null, null, null, null));
            }, 300, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Configuration and contacts travel on different topics, so a contact can overtake its tenant's
     * configuration. Sends probe contacts (not counted) until one is routed: from then on the
     * configuration is in place.
     */
    void awaitConfigurationApplied(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String probe = "probe-" + UUID.randomUUID();
            probes.add(probe);
            publish(Topics.CONTACTS, new ContactCreated(UUID.randomUUID(), tenant, now(), probe, Channel.CHAT, Direction.INBOUND, "widget",
                    Address.chatVisitor(probe), null, Map.of(), null, "probe", List.of(), "en", 0, Map.of()));
            producer.flush();
            for (int i = 0; i < 20 && routedProbes.isEmpty(); i++) {
                Thread.sleep(100);
            }
            if (!routedProbes.isEmpty()) {
                return;
            }
        }
        throw new IllegalStateException("routing did not apply the configuration of " + tenant + " within " + timeout);
    }

    /** Contacts that ended assigned or abandoned. */
    long resolved() {
        return created.stream().filter(id -> assignedEvents.containsKey(id) || abandonedEvents.containsKey(id)).count();
    }

    private void answerOffers() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "agents-" + tenant, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ROUTING));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (EventCodec.decode(record.value()) instanceof DecodeResult.Decoded decoded && tenant.equals(decoded.event().tenantId())) {
                        react(decoded.event());
                    }
                }
            }
        }
    }

    private void react(SwitchboardEvent event) {
        if (!seen.add(event.eventId())) {
            redelivered++;
            return;
        }
        if (event instanceof io.switchboard.events.ContactEvent contactEvent && probes.contains(contactEvent.contactId())) {
            routedProbes.add(contactEvent.contactId());
        }
        if (event instanceof ContactOffered offer) {
            publish(Topics.AGENTS, new OfferAnswered(UUID.randomUUID(), tenant, now(), offer.agentId(), offer.contactId(), offer.offerId(),
                    OfferAnswered.Answer.ACCEPTED));
        } else if (event instanceof ContactAssigned assigned) {
            assignedEvents.computeIfAbsent(assigned.contactId(), id -> ConcurrentHashMap.newKeySet()).add(assigned.eventId());
            synchronized (this) {
                if (hungUp.contains(assigned.contactId())) {
                    // The customer already left; routing frees the slot when it reads that, which the
                    // ledger cannot see, so it does not count the contact at all (never a false alarm).
                    return;
                }
                Set<String> active = activeByAgent.computeIfAbsent(assigned.agentId(), a -> new HashSet<>());
                if (active.size() >= CAPACITY) {
                    violations.add(assigned.agentId() + " over capacity with " + active + " + " + assigned.contactId());
                }
                active.add(assigned.contactId());
                agentOfContact.put(assigned.contactId(), assigned.agentId());
            }
            long handleMillis = 400 + random.nextInt(800);
            clock.schedule(() -> finish(assigned), handleMillis, TimeUnit.MILLISECONDS);
        } else if (event instanceof ContactAbandoned abandoned) {
            abandonedEvents.computeIfAbsent(abandoned.contactId(), id -> ConcurrentHashMap.newKeySet()).add(abandoned.eventId());
        }
    }

    /** The agent ends the contact; the ledger frees their slot first, as routing frees it only after the end arrives. */
    private void finish(ContactAssigned assigned) {
        release(assigned.contactId());
        publish(Topics.CONTACTS, new ContactEnded(UUID.randomUUID(), tenant, now(), assigned.contactId(), Channel.CHAT,
                ContactEnded.Reason.AGENT_ENDED, "resolved", null, null, 1L, null));
    }

    private synchronized void release(String contactId) {
        String agent = agentOfContact.remove(contactId);
        if (agent != null) {
            activeByAgent.get(agent).remove(contactId);
        }
    }

    private void publish(String topic, SwitchboardEvent event) {
        producer.send(new ProducerRecord<>(topic, event.subject(), EventCodec.encode(event, URI.create("/crash-test"))));
    }

    private String agent(int index) {
        return tenant + "-agent-" + index;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        agents.join(5_000);
        clock.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
