package io.switchboard.routing.crash;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import io.switchboard.testing.process.CpuClock;

/**
 * The load of {@link RoutingLoadBench}, run as its own process so that its CPU is its own (and can
 * be pinned and measured): one tenant with its agents, contacts at a fixed rate, agents who accept
 * every offer at once and end each contact after 1 s, and a probe that measures Kafka's own
 * produce→consume latency on the same broker at the same rate. Writes the report as JSON.
 *
 * <p>Arguments: {@code bootstrap rate seconds warmupSeconds agents reportPath [pid=name ...]}; each
 * {@code pid=name} is a process whose CPU time over the measured window goes into the report.
 */
public final class LoadGenerator {

    private final String bootstrap;
    private final int rate;
    private final int seconds;
    private final int warmup;
    private final int agentCount;
    private final String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final String probeTopic = "switchboard.bench.probe." + tenant;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
    /** Contacts created in the measured window (the warm-up's are not counted). */
    private final Set<String> measured = ConcurrentHashMap.newKeySet();
    private final Set<String> offered = ConcurrentHashMap.newKeySet();
    private final Set<String> assigned = ConcurrentHashMap.newKeySet();
    private final List<Long> toOffered = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> toAssigned = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> floor = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean measuring;
    private volatile long measuredFrom;
    /** The rate the contacts of the measured window really went out at (below the rate when the generator falls behind). */
    private volatile double sentPerSecond;
    /** The worst created→offered latency of the contacts created in each second of the measured window. */
    private final long[] worstBySecond;

    private LoadGenerator(String bootstrap, int rate, int seconds, int warmup, int agentCount) {
        this.bootstrap = bootstrap;
        this.rate = rate;
        this.seconds = seconds;
        this.warmup = warmup;
        this.agentCount = agentCount;
        this.worstBySecond = new long[seconds + 1];
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            throw new IllegalArgumentException("usage: LoadGenerator bootstrap rate seconds warmupSeconds agents reportPath [pid=name ...]");
        }
        LoadGenerator generator = new LoadGenerator(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        List<CpuClock.Process> watched = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            String[] pidName = args[i].split("=", 2);
            watched.add(new CpuClock.Process(Long.parseLong(pidName[0]), pidName[1]));
        }
        watched.add(new CpuClock.Process(ProcessHandle.current().pid(), "generator"));
        String report = generator.run(watched);
        Files.writeString(Path.of(args[5]), report);
        System.out.println(report);
        // The Kafka clients' threads are not daemons; the report is written, so leave now.
        System.exit(0);
    }

    private String run(List<CpuClock.Process> watched) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(probeTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        configure();
        Thread agents = new Thread(this::agents, "simulated-agents");
        Thread probe = new Thread(this::probe, "probe");
        agents.start();
        probe.start();
        awaitRouted(Duration.ofSeconds(120));

        CpuClock.Sample before = null;
        long start = System.nanoTime();
        int warmupContacts = rate * warmup;
        int total = warmupContacts + rate * seconds;
        for (int i = 0; i < total; i++) {
            if (i == warmupContacts) {
                measuredFrom = System.nanoTime();
                measuring = true;
                before = CpuClock.sample(watched);
            }
            String contactId = UUID.randomUUID().toString();
            long now = System.nanoTime();
            createdAt.put(contactId, now);
            if (measuring) {
                measured.add(contactId);
            }
            publish(Topics.CONTACTS, new ContactCreated(UUID.randomUUID(), tenant, now(), contactId, Channel.CHAT, Direction.INBOUND,
                    "widget", Address.chatVisitor("v-" + i), null, Map.of(), null, "hi", List.of(), "en", 0, Map.of()));
            producer.send(new ProducerRecord<>(probeTopic, contactId, String.valueOf(System.nanoTime()).getBytes()));
            long due = start + (long) ((i + 1) * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        long sent = System.nanoTime();
        sentPerSecond = measured.size() / ((sent - measuredFrom) / 1e9);
        // Stragglers: at most 30 s more for the last offers and assignments, then stop regardless.
        long deadline = sent + TimeUnit.SECONDS.toNanos(30);
        while (assignedMeasured() < measured.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        CpuClock.Sample after = CpuClock.sample(watched);
        running.set(false);
        agents.join(5_000);
        probe.join(5_000);
        producer.close(Duration.ofSeconds(5));
        return report(before, after);
    }

    private long assignedMeasured() {
        return measured.stream().filter(assigned::contains).count();
    }

    private void configure() {
        publish(Topics.CONFIG, new TenantConfigured(UUID.randomUUID(), tenant, now(), tenant, "UTC", "GB", null, "chat", List.of()));
        publish(Topics.CONFIG, new QueueConfigured(UUID.randomUUID(), tenant, now(), "chat", "Chat", Map.of("chat", 1), 0, null,
                QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, false, true));
        for (int a = 0; a < agentCount; a++) {
            String agent = tenant + "-" + a;
            publish(Topics.CONFIG, new AgentConfigured(UUID.randomUUID(), tenant, now(), agent, agent, List.of(tenant),
                    Map.of("chat", 2), Map.of(Channel.CHAT, 3), false, true));
            publish(Topics.AGENTS, new AgentStateChanged(UUID.randomUUID(), tenant, now(), agent, AgentStateChanged.State.AVAILABLE,
                    "bench", null));
        }
        producer.flush();
    }

    /**
     * Configuration and contacts travel on different topics: sends probe contacts (ended at once,
     * not counted) until one is offered, so the agents are in place before the clock starts.
     */
    private void awaitRouted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String probe = "probe-" + UUID.randomUUID();
            publish(Topics.CONTACTS, new ContactCreated(UUID.randomUUID(), tenant, now(), probe, Channel.CHAT, Direction.INBOUND, "widget",
                    Address.chatVisitor(probe), null, Map.of(), null, "probe", List.of(), "en", 0, Map.of()));
            producer.flush();
            for (int i = 0; i < 20; i++) {
                if (offered.contains(probe)) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("routing did not offer a contact of " + tenant + " within " + timeout);
    }

    private void agents() {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ROUTING));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long received = System.nanoTime();
                    if (!(EventCodec.decode(record.value()) instanceof DecodeResult.Decoded d) || !tenant.equals(d.event().tenantId())) {
                        continue;
                    }
                    if (d.event() instanceof ContactOffered offer) {
                        Long created = createdAt.get(offer.contactId());
                        if (offered.add(offer.contactId()) && created != null && measured.contains(offer.contactId())) {
                            toOffered.add(received - created);
                            int second = (int) ((created - measuredFrom) / 1_000_000_000L);
                            if (second >= 0 && second < worstBySecond.length) {
                                worstBySecond[second] = Math.max(worstBySecond[second], received - created);
                            }
                        }
                        publish(Topics.AGENTS, new OfferAnswered(UUID.randomUUID(), tenant, now(), offer.agentId(), offer.contactId(),
                                offer.offerId(), OfferAnswered.Answer.ACCEPTED));
                    } else if (d.event() instanceof ContactAssigned done) {
                        Long created = createdAt.remove(done.contactId());
                        if (assigned.add(done.contactId()) && created != null && measured.contains(done.contactId())) {
                            toAssigned.add(received - created);
                        }
                        clock.schedule(() -> publish(Topics.CONTACTS, new ContactEnded(UUID.randomUUID(), tenant, now(), done.contactId(),
                                Channel.CHAT, ContactEnded.Reason.AGENT_ENDED, null, null, null, null, null)), 1, TimeUnit.SECONDS);
                    }
                }
            }
        } finally {
            clock.shutdownNow();
        }
    }

    private void probe() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(probeTopic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (measuring) {
                        floor.add(System.nanoTime() - Long.parseLong(new String(record.value())));
                    }
                }
            }
        }
    }

    private String report(CpuClock.Sample before, CpuClock.Sample after) {
        long offeredMeasured = measured.stream().filter(offered::contains).count();
        StringBuilder json = new StringBuilder();
        json.append("{\"rate\": ").append(rate)
                .append(", \"seconds\": ").append(seconds)
                .append(", \"warmup_seconds\": ").append(warmup)
                .append(", \"agents\": ").append(agentCount)
                .append(", \"contacts\": ").append(measured.size())
                .append(String.format(Locale.ROOT, ", \"sent_per_s\": %.0f", sentPerSecond))
                .append(", \"offered\": ").append(offeredMeasured)
                .append(", \"assigned\": ").append(assignedMeasured())
                .append(",\n \"floor\": ").append(percentiles(floor))
                .append(",\n \"offered_latency\": ").append(percentiles(toOffered))
                .append(",\n \"assigned_latency\": ").append(percentiles(toAssigned))
                .append(",\n \"cpu\": ").append(CpuClock.json(before, after))
                .append(",\n \"offered_max_ms_by_second\": ").append(java.util.Arrays.stream(worstBySecond)
                        .mapToObj(n -> String.valueOf(n / 1_000_000)).collect(java.util.stream.Collectors.joining(", ", "[", "]")))
                .append("}\n");
        return json.toString();
    }

    private static String percentiles(List<Long> nanos) {
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length == 0) {
            return "{\"n\": 0}";
        }
        return String.format(Locale.ROOT, "{\"n\": %d, \"p50_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f}", sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void publish(String topic, SwitchboardEvent event) {
        producer.send(new ProducerRecord<>(topic, event.subject(), EventCodec.encode(event, URI.create("/bench"))));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
