package io.switchboard.chat.load;

import static io.switchboard.testing.process.CpuAffinity.pin;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabase;
import io.switchboard.testing.process.CpuClock;
import io.switchboard.testing.process.ServiceProcess;

/**
 * The chat figures of docs/benchmarks.md. Not part of the test run; run it by name:
 *
 * <pre>./mvnw -B -pl services/chat-channel -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChatLoadBench</pre>
 *
 * The packaged service runs as its own process (1 GiB heap); this JVM holds the broker and the
 * customers: {@code bench.sessions} (default 10,000) WebSocket sessions (java.net.http), each started, then
 * {@code bench.rate} (default 1,000) customer messages a second for {@value #SECONDS} s spread over them, after an untimed warm-up at the
 * same rate that sends every session's first message (the one that also opens its contact). Each message's
 * delay is measured to its acknowledgement on the socket and to its {@code contact.message.received}
 * on Kafka, where an agent's desktop picks it up.
 */
class ChatLoadBench {

    private static final Path REPORTS = Path.of("target/chat-channel-bench");
    /** One instance's sessions; a process may hold 20,000 descriptors here, so this JVM's clients stop short of that. */
    private static final int SESSIONS = Integer.getInteger("bench.sessions", 10_000);
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final int SECONDS = 30;
    private static final int WARM_UP_SECONDS = 15;
    private static final Pattern FIELD = Pattern.compile("\"(type|contactId|id)\":\"([^\"]*)\"");

    @Test
    void sessionsHeldAndCustomerToAgentDelivery() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        try (PostgresDatabase database = PostgresDatabase.create("chatbench");
                KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            var tenant = new TenantConfigured(UUID.randomUUID(), "bench", Instant.now(), "Bench", "UTC", "GB", null, "general",
                    List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-bench", "general")));
            kafka.send(Topics.CONFIG, tenant.subject(), EventCodec.encode(tenant, URI.create("/bench")),
                    Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
            // A child inherits the CPU affinity of the thread that starts it: the service starts on CPU 0, then this JVM
            // (the broker, the customers' sockets and the Kafka reader) moves to CPU 1.
            boolean pin = Boolean.parseBoolean(System.getProperty("bench.pin", "true"));
            long self = ProcessHandle.current().pid();
            if (pin) {
                pin(self, "0");
            }
            List<String> jvm = new ArrayList<>();
            if (Boolean.getBoolean("bench.jfr")) {
                jvm.add("-XX:StartFlightRecording=filename=" + REPORTS.toAbsolutePath().resolve("service.jfr")
                        + ",settings=profile,dumponexit=true");
            }
            Files.createDirectories(REPORTS);
            ServiceProcess chat = ServiceProcess.start("chat-bench", environment(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    // -Dbench.asyncCommit=true measures the same run without waiting for PostgreSQL's WAL flush.
                    "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl() + (Boolean.getBoolean("bench.asyncCommit")
                            ? (database.jdbcUrl().contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff" : ""),
                    "QUARKUS_DATASOURCE_USERNAME", database.user(),
                    "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                    "QUARKUS_OIDC_TENANT_ENABLED", "false",
                    "SWITCHBOARD_CHAT_TOKEN_SECRET", UUID.randomUUID().toString(),
                    // The bench's widget takes any page, as locally (production requires each widget's allowed origins).
                    "SWITCHBOARD_CHAT_REQUIRE_ALLOWED_ORIGINS", "false",
                    "SWITCHBOARD_CHAT_CONNECTIONS_PER_IP", "1000000",
                    // 10,000 sockets from one address, 250 at a time
                    "SWITCHBOARD_CHAT_CONNECTION_RATE_PER_SECOND", "1000000", "SWITCHBOARD_CHAT_CONNECTION_RATE_BURST", "1000000",
                    "SWITCHBOARD_CHAT_ABANDON_AFTER", "1h"), "1g", jvm);
            if (pin) {
                pin(self, "1");
                pin(chat.pid(), "0");
            }
            chat.awaitReady(Duration.ofSeconds(90));
            try {
                run(chat.port(), chat.pid(), broker.bootstrapServers(), List.of(new CpuClock.Process(chat.pid(), "service"),
                        new CpuClock.Process(self, "bench")), pin ? "service on CPU 0; the broker, the customers and the reader"
                                + " (this JVM) on CPU 1; PostgreSQL unpinned" : "nothing pinned");
            } finally {
                chat.stop();
            }
        }
    }

    private void run(int port, long service, String bootstrap, List<CpuClock.Process> watched, String sharing) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/chat/ws/widget-bench");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> ackNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> kafkaNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        String[] contactIds = new String[SESSIONS];
        WebSocket[] sockets = new WebSocket[SESSIONS];
        CountDownLatch ready = new CountDownLatch(SESSIONS);
        AtomicInteger errors = new AtomicInteger();

        awaitWidget(uri);
        long idleRss = residentKilobytes(service);
        HttpClient http = HttpClient.newHttpClient();
        long openStart = System.nanoTime();
        for (int batch = 0; batch < SESSIONS; batch += 250) {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = batch; i < Math.min(SESSIONS, batch + 250); i++) {
                int session = i;
                opening.add(http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        Map<String, String> frame = fields(data);
                        switch (frame.getOrDefault("type", "")) {
                            case "ready" -> {
                                contactIds[session] = frame.get("contactId");
                                ready.countDown();
                            }
                            case "ack" -> {
                                Long sent = sentAt.get(key(contactIds[session], frame.get("id")));
                                if (sent != null) {
                                    ackNanos.add(System.nanoTime() - sent);
                                }
                            }
                            case "error" -> errors.incrementAndGet();
                            default -> { }
                        }
                        socket.request(1);
                        return null;
                    }
                }));
            }
            for (int i = 0; i < opening.size(); i++) {
                sockets[batch + i] = opening.get(i).join();
                sockets[batch + i].sendText("{\"type\":\"start\"}", true);
            }
        }
        assertThat(ready.await(5, TimeUnit.MINUTES)).as("every session ready").isTrue();
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        Thread.sleep(2_000);
        long openRss = residentKilobytes(service);

        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> readDeliveries(bootstrap, sentAt, kafkaNanos, reading), "bench-kafka-reader");
        reader.start();
        Thread.sleep(3_000);

        // Warm-up at the same rate, not timed: every session's first message (which also opens its
        // contact) and the service's JIT happen here.
        send(sockets, contactIds, sentAt, "w", Math.max(RATE * WARM_UP_SECONDS, SESSIONS), false);
        Thread.sleep(5_000);
        int total = RATE * SECONDS;
        CpuClock.Sample cpuBefore = CpuClock.sample(watched);
        long start = System.nanoTime();
        send(sockets, contactIds, sentAt, "b", total, true);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        String cpu = CpuClock.json(cpuBefore, CpuClock.sample(watched));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((kafkaNanos.size() < total || ackNanos.size() < total) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        reading.set(false);
        reader.join();
        long afterRss = residentKilobytes(service);
        String memory = String.format(java.util.Locale.ROOT, "{\"idle_mb\": %d, \"sessions_open_mb\": %d, \"after_messages_mb\": %d,"
                + " \"per_session_kb\": %.1f}", idleRss / 1024, openRss / 1024, afterRss / 1024, (afterRss - idleRss) / (double) SESSIONS);

        String result = String.format("chat load: %,d sessions open and started in %.1f s; %,d messages at %d/s over %.1f s%n"
                + "  ack on the socket (stored + on Kafka): %s (%,d of %,d)%n"
                + "  customer -> contact.message.received on Kafka: %s (%,d of %,d); error frames: %d%n"
                + "  cpu while sending (%s): %s%n"
                + "  service resident memory: %s%n",
                SESSIONS, openSeconds, total, RATE, sendSeconds, percentiles(ackNanos), ackNanos.size(), total,
                percentiles(kafkaNanos), kafkaNanos.size(), total, errors.get(), sharing, cpu, memory);
        System.out.print(result);
        Files.writeString(Path.of("target/chat-load-bench.txt"), result);
        Files.writeString(REPORTS.resolve("report.txt"), result);
        Files.writeString(REPORTS.resolve("report.json"), String.format(java.util.Locale.ROOT,
                "{\"sessions\": %d, \"open_seconds\": %.1f, \"rate\": %d, \"messages\": %d, \"send_seconds\": %.1f, \"errors\": %d,"
                        + " \"ack\": %s, \"customer_to_kafka\": %s, \"sharing\": \"%s\", \"cpu\": %s, \"service_rss\": %s,"
                        + " \"load_average\": \"%s\"}%n",
                SESSIONS, openSeconds, RATE, total, sendSeconds, errors.get(), percentilesJson(ackNanos),
                percentilesJson(kafkaNanos), sharing, cpu, memory, Files.readString(Path.of("/proc/loadavg")).trim()));
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        assertThat(kafkaNanos).as("every message reached Kafka").hasSize(total);
    }

    private static void send(WebSocket[] sockets, String[] contactIds, Map<String, Long> sentAt, String prefix, int count,
            boolean timed) throws InterruptedException {
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            long wait = start + n * (1_000_000_000L / RATE) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int session = n % SESSIONS;
            String id = prefix + n;
            if (timed) {
                sentAt.put(key(contactIds[session], id), System.nanoTime());
            }
            synchronized (sockets[session]) {
                sockets[session].sendText("{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"load message " + id + "\"}",
                        true);
            }
        }
    }

    private static void readDeliveries(String bootstrap, Map<String, Long> sentAt, List<Long> kafkaNanos, AtomicBoolean reading) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTACTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    if (EventCodec.decode(record.value()) instanceof DecodeResult.Decoded d
                            && d.event() instanceof ContactMessageReceived received) {
                        String clientId = received.text().substring("load message ".length());
                        Long sent = sentAt.get(key(received.contactId(), clientId));
                        if (sent != null) {
                            kafkaNanos.add(now - sent);
                        }
                    }
                }
            }
        }
    }

    /** The process's resident set (VmRSS), in kB. */
    private static long residentKilobytes(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** The service's environment from name, value pairs (more than Map.of takes). */
    private static Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private static void awaitWidget(URI uri) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).join().abort();
                return;
            } catch (RuntimeException notYet) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the widget never became known to the service");
    }

    private static Map<String, String> fields(CharSequence frame) {
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher matcher = FIELD.matcher(frame);
        while (matcher.find()) {
            fields.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    private static String key(String contactId, String clientId) {
        return contactId + "/" + clientId;
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", at(sorted, 0.50), at(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static String percentilesJson(List<Long> nanos) {
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        }
        if (sorted.length == 0) {
            return "{\"count\": 0}";
        }
        Arrays.sort(sorted);
        return String.format(java.util.Locale.ROOT, "{\"count\": %d, \"p50_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f}", sorted.length,
                at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
