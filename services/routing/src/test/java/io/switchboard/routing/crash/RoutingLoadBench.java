package io.switchboard.routing.crash;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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
import org.junit.jupiter.api.Test;

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
import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.postgres.PostgresDatabase;

/**
 * The routing load benchmark (not a test: it asserts nothing and runs only on request):
 * <pre>./mvnw -pl services/routing -am verify -DskipTests -Dskip.surefire.tests -Dit.test=RoutingLoadBench -DskipITs=false</pre>
 * Contacts arrive at 500/s for 60 s; 1,000 simulated agents accept every offer at once and end each
 * contact after 1 s. It prints the created→offered and created→assigned latencies, and in the same
 * run Kafka's own produce→consume latency on the same broker at the same rate.
 */
class RoutingLoadBench {

    private static final int RATE = 500;
    private static final int SECONDS = 60;
    private static final int AGENTS = 1_000;

    @Test
    void measure() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        String bootstrap = broker.bootstrapServers();
        try (PostgresDatabase database = PostgresDatabase.create("routing_bench")) {
            RoutingProcess routing = RoutingProcess.start("bench", bootstrap, database).awaitReady(Duration.ofSeconds(60));
            try {
                run(bootstrap, broker);
            } finally {
                routing.stop();
            }
        }
    }

    private void run(String bootstrap, EmbeddedKafkaBroker broker) throws Exception {
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String probeTopic = "switchboard.bench.probe." + tenant;
        try (var admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(probeTopic, 1, (short) 1))).all().get();
        }
        Map<String, Long> createdAt = new ConcurrentHashMap<>();
        List<Long> toOffered = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> toAssigned = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> floor = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);

        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            publish(producer, Topics.CONFIG, new TenantConfigured(UUID.randomUUID(), tenant, now(), tenant, "UTC", "GB", null, "chat",
                    List.of()));
            publish(producer, Topics.CONFIG, new QueueConfigured(UUID.randomUUID(), tenant, now(), "chat", "Chat", Map.of("chat", 1), 0,
                    null, QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null, false, true));
            for (int a = 0; a < AGENTS; a++) {
                String agent = tenant + "-" + a;
                publish(producer, Topics.CONFIG, new AgentConfigured(UUID.randomUUID(), tenant, now(), agent, agent, List.of(tenant),
                        Map.of("chat", 2), Map.of(Channel.CHAT, 3), false, true));
                publish(producer, Topics.AGENTS, new AgentStateChanged(UUID.randomUUID(), tenant, now(), agent,
                        AgentStateChanged.State.AVAILABLE, "bench", null));
            }
            producer.flush();
            Thread.sleep(5_000);

            Thread agents = new Thread(() -> agents(bootstrap, tenant, createdAt, toOffered, toAssigned, running, producer));
            Thread probe = new Thread(() -> probe(bootstrap, probeTopic, floor, running));
            agents.start();
            probe.start();
            Thread.sleep(1_000);

            long start = System.nanoTime();
            for (int i = 0; i < RATE * SECONDS; i++) {
                String contactId = UUID.randomUUID().toString();
                createdAt.put(contactId, System.nanoTime());
                publish(producer, Topics.CONTACTS, new ContactCreated(UUID.randomUUID(), tenant, now(), contactId, Channel.CHAT,
                        Direction.INBOUND, "widget", Address.chatVisitor("v-" + i), null, Map.of(), null, "hi", List.of(), "en", 0, Map.of()));
                producer.send(new ProducerRecord<>(probeTopic, contactId, String.valueOf(System.nanoTime()).getBytes()));
                long due = start + (long) ((i + 1) * 1e9 / RATE);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            Thread.sleep(10_000);
            running.set(false);
            agents.join();
            probe.join();
        }
        System.out.printf("routing load: %d contacts at %d/s, %d agents%n", RATE * SECONDS, RATE, AGENTS);
        report("kafka produce->consume floor", floor);
        report("contact.created -> contact.offered", toOffered);
        report("contact.created -> contact.assigned", toAssigned);
    }

    private void agents(String bootstrap, String tenant, Map<String, Long> createdAt, List<Long> toOffered, List<Long> toAssigned,
            AtomicBoolean running, KafkaProducer<String, byte[]> producer) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            consumer.subscribe(List.of(Topics.ROUTING));
            java.util.concurrent.ScheduledExecutorService clock = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long received = System.nanoTime();
                    if (!(EventCodec.decode(record.value()) instanceof DecodeResult.Decoded d) || !tenant.equals(d.event().tenantId())) {
                        continue;
                    }
                    if (d.event() instanceof ContactOffered offer) {
                        Long created = createdAt.get(offer.contactId());
                        if (created != null) {
                            toOffered.add(received - created);
                        }
                        publish(producer, Topics.AGENTS, new OfferAnswered(UUID.randomUUID(), tenant, now(), offer.agentId(), offer.contactId(),
                                offer.offerId(), OfferAnswered.Answer.ACCEPTED));
                    } else if (d.event() instanceof ContactAssigned assigned) {
                        Long created = createdAt.remove(assigned.contactId());
                        if (created != null) {
                            toAssigned.add(received - created);
                        }
                        clock.schedule(() -> publish(producer, Topics.CONTACTS, new ContactEnded(UUID.randomUUID(), tenant, now(),
                                assigned.contactId(), Channel.CHAT, ContactEnded.Reason.AGENT_ENDED, null, null, null, null, null)),
                                1, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
            }
            clock.shutdownNow();
        }
    }

    private void probe(String bootstrap, String topic, List<Long> floor, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    floor.add(System.nanoTime() - Long.parseLong(new String(record.value())));
                }
            }
        }
    }

    private static void report(String what, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.printf("%-40s no samples%n", what);
            return;
        }
        System.out.printf("%-40s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
        Arrays.fill(sorted, 0);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String topic, SwitchboardEvent event) {
        producer.send(new ProducerRecord<>(topic, event.subject(), EventCodec.encode(event, URI.create("/bench"))));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
