package io.switchboard.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.events.Topics;
import io.switchboard.events.address.SocialAccount;
import io.switchboard.social.domain.AccountDirectory;
import io.switchboard.social.domain.Signatures;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The social channel's ingest figures for docs/benchmarks.md. Not part of the test run (the name does
 * not match the test patterns); run it by name:
 *
 * <pre>./mvnw -B -pl services/social-channel -am test -Dtest=SocialIngestBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Signed WhatsApp webhooks (one text message each, 2,000 customers) over loopback HTTP to the running
 * service, where 200 means stored in PostgreSQL and acknowledged by the real Kafka broker of the same
 * JVM. Phase 0: the floor, the same calls for an account no tenant owns (answered after the signature,
 * the parse and the lookup, without PostgreSQL or Kafka). Phase 1: as fast as 32 concurrent clients go (throughput). Phase 2: an open-loop 500 calls/s
 * for 10 s, then 250 calls/s for 10 s (response times measured from each call's scheduled start, so a
 * stall counts against it). Then every contact.message.received of the run is counted on the topic: lost = sent − seen.
 * Writes target/social-channel-bench/report.json.
 */
@QuarkusTest
@TestProfile(SocialIngestBench.Profile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "socialbench"))
@WithTestResource(WireMockPlatforms.class)
class SocialIngestBench {

    private static final int THROUGHPUT_MESSAGES = Integer.getInteger("bench.messages", 20_000);
    private static final int CLIENTS = 32;
    private static final int RATE = 500;
    private static final int RATE_SECONDS = 10;
    private static final int CUSTOMERS = 2_000;
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(4);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "false",
                    // every call comes from 127.0.0.1, far above one source's webhook budget
                    "switchboard.social.webhook-rate.per-second", "1000000", "switchboard.social.webhook-rate.burst", "1000000",
                    "quarkus.log.category.\"io.switchboard\".level", "WARN",
                    "quarkus.log.category.\"kafka\".level", "WARN",
                    "quarkus.log.category.\"state.change.logger\".level", "WARN");
        }
    }

    @TestHTTPResource("/webhooks/meta")
    URI webhook;

    @Inject
    AccountDirectory directory;

    private final String run = Fixture.unique("bench");
    private volatile boolean floor;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).build();

    @Test
    void signedWebhooksToKafka() throws Exception {
        try (Fixture f = new Fixture()) {
            f.configureTenants();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> directory.lookup(SocialAccount.parse("whatsapp:" + Fixture.WHATSAPP)).isPresent());
        AtomicInteger seq = new AtomicInteger();
        // Warm-up: the JIT, the connection pools, the producer.
        phase(2_000, CLIENTS, seq, new long[2_000]);

        // The floor: the same signed calls for an account no tenant owns (signature, parse, lookup, skip;
        // no PostgreSQL, no Kafka), so the figure below can be read against what HTTP costs here.
        floor = true;
        long floorStart = System.nanoTime();
        long[] floorLatency = new long[THROUGHPUT_MESSAGES];
        int floorFailures = phase(THROUGHPUT_MESSAGES, CLIENTS, new AtomicInteger(), floorLatency);
        double floorPerSecond = THROUGHPUT_MESSAGES / ((System.nanoTime() - floorStart) / 1e9);
        floor = false;

        int firstSeq = seq.get();
        long[] throughputLatency = new long[THROUGHPUT_MESSAGES];
        long start = System.nanoTime();
        int throughputFailures = phase(THROUGHPUT_MESSAGES, CLIENTS, seq, throughputLatency);
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = THROUGHPUT_MESSAGES / seconds;

        long[] rateLatency = new long[RATE * RATE_SECONDS];
        int rateFailures = openLoop(seq, rateLatency, RATE);
        // Half the target rate: what a load the service keeps up with here looks like.
        long[] halfLatency = new long[RATE / 2 * RATE_SECONDS];
        int halfFailures = openLoop(seq, halfLatency, RATE / 2);
        int sent = seq.get() - firstSeq;

        int seen = countOnKafka(firstSeq, seq.get());
        int lost = sent - seen;
        Arrays.sort(throughputLatency);
        Arrays.sort(rateLatency);
        Arrays.sort(halfLatency);
        String report = """
                {
                  "benchmark": "social-channel signed Meta webhooks to Kafka",
                  "machine": "%d cores, Java %s",
                  "floorWithoutStoreOrKafka": {"messages": %d, "messagesPerSecond": %.0f, "non200": %d},
                  "throughput": {"messages": %d, "clients": %d, "seconds": %.2f, "messagesPerSecond": %.0f,
                                 "p50Ms": %.1f, "p95Ms": %.1f, "p99Ms": %.1f, "non200": %d},
                  "at500PerSecond": {"messages": %d, "p50Ms": %.1f, "p95Ms": %.1f, "p99Ms": %.1f, "maxMs": %.1f, "non200": %d},
                  "at250PerSecond": {"messages": %d, "p50Ms": %.1f, "p95Ms": %.1f, "p99Ms": %.1f, "maxMs": %.1f, "non200": %d},
                  "sent": %d,
                  "seenOnKafka": %d,
                  "lost": %d
                }
                """.formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                THROUGHPUT_MESSAGES, floorPerSecond, floorFailures, THROUGHPUT_MESSAGES, CLIENTS, seconds, perSecond, ms(throughputLatency, 0.50), ms(throughputLatency, 0.95),
                ms(throughputLatency, 0.99), throughputFailures, rateLatency.length, ms(rateLatency, 0.50), ms(rateLatency, 0.95),
                ms(rateLatency, 0.99), rateLatency[rateLatency.length - 1] / 1e6, rateFailures,
                halfLatency.length, ms(halfLatency, 0.50), ms(halfLatency, 0.95), ms(halfLatency, 0.99),
                halfLatency[halfLatency.length - 1] / 1e6, halfFailures, sent, seen, lost);
        Path out = Path.of("target", "social-channel-bench", "report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        assertThat(lost).as("messages answered 200 but never on Kafka").isZero();
    }

    /** {@code count} webhooks through {@code clients} concurrent callers, each waiting for its answer. */
    private int phase(int count, int clients, AtomicInteger seq, long[] latency) throws Exception {
        Semaphore permits = new Semaphore(clients);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> calls = new ArrayList<>(count);
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            permits.acquire();
            int index = i;
            long begin = System.nanoTime();
            calls.add(send(seq.getAndIncrement()).whenComplete((response, error) -> {
                latency[index] = System.nanoTime() - begin;
                if (error != null || response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                permits.release();
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(2, TimeUnit.MINUTES);
        return failures.get();
    }

    /** {@code rate} calls a second for {@link #RATE_SECONDS} s, each started on schedule whatever the others do. */
    private int openLoop(AtomicInteger seq, long[] latency, int rate) throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        long periodNanos = 1_000_000_000L / rate;
        long origin = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < latency.length; i++) {
            int index = i;
            long due = origin + i * periodNanos;
            clock.schedule(() -> calls.add(send(seq.getAndIncrement()).whenComplete((response, error) -> {
                latency[index] = System.nanoTime() - due;
                if (error != null || response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
            })), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(RATE_SECONDS + 30, TimeUnit.SECONDS);
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((v, e) -> null).get(2, TimeUnit.MINUTES);
        return failures.get();
    }

    private CompletableFuture<HttpResponse<String>> send(int n) {
        String wa = "1202" + (2 + n % CUSTOMERS % 8) + String.format(Locale.ROOT, "%06d", n % CUSTOMERS);
        byte[] body = Fixture.whatsappText(floor ? "999999999999999" : Fixture.WHATSAPP, wa, "Bench " + (n % CUSTOMERS), run + "-" + n, Instant.now(),
                "bench message " + n).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", Signatures.metaSignature(Fixture.APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** How many distinct messages of [from, to) reached the topic as contact.message.received. */
    private int countOnKafka(int from, int to) {
        Set<String> seen = new HashSet<>();
        String type = "io.switchboard.contact.message.received";
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, Fixture.unique("bench-reader-"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CONTACTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int idle = 0;
            while (seen.size() < to - from && System.nanoTime() < deadline && idle < 25) {
                var records = consumer.poll(Duration.ofMillis(200));
                idle = records.isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    int at = value.indexOf(run + "-");
                    if (at >= 0 && value.contains(type)) {
                        int end = at + run.length() + 1;
                        while (end < value.length() && Character.isDigit(value.charAt(end))) {
                            end++;
                        }
                        int n = Integer.parseInt(value.substring(at + run.length() + 1, end));
                        if (n >= from && n < to) {
                            seen.add(value.substring(at, end));
                        }
                    }
                }
            }
        }
        return seen.size();
    }

    private static double ms(long[] sortedNanos, double quantile) {
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(quantile * sortedNanos.length) - 1)] / 1e6;
    }
}
