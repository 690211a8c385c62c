package io.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The SMS ingest figures of docs/benchmarks.md. Not part of the test run (the name does not match the
 * test patterns); run it by name:
 *
 * <pre>./mvnw -B -pl services/sms-channel test -Dtest=SmsIngestBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Signed Twilio webhooks over loopback HTTP to the running service, where 200 means stored in
 * PostgreSQL and acknowledged by the in-process Kafka broker of the same run. Two phases: as fast as
 * 32 concurrent clients go (throughput), then paced at 500/s (response times). 2,000 customers text a
 * few times each, so most texts join an open contact. Afterwards every text's
 * contact.message.received is looked for on the topic: "lost" counts the ones answered 200 but absent.
 * Writes target/sms-channel-bench/report.json.
 */
@QuarkusTest
@TestProfile(SmsIngestBench.Profile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "smsbench"))
class SmsIngestBench {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // every call comes from 127.0.0.1, far above one source's webhook budget
            return Map.of("quarkus.oidc.tenant-enabled", "false", "quarkus.log.category.\"io.switchboard\".level", "WARN",
                    "switchboard.sms.webhook-rate.per-second", "1000000", "switchboard.sms.webhook-rate.burst", "1000000");
        }
    }

    private static final int CLIENTS = 32;
    private static final int BURST = Integer.getInteger("bench.burst", 12_000);
    private static final int PACED_RATE = 500;
    private static final int PACED = Integer.getInteger("bench.paced", 10_000);
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @Inject
    NumberDirectory directory;

    @Test
    void signedWebhooksToKafka() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            SmsTestSupport.configureTenants(kafka);
        }
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (directory.route(SmsTestSupport.ACME_NUMBER).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        String base = ConfigProvider.getConfig().getValue("test.url", String.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).build();
        String[] customers = new String[2000];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = "+4479111" + String.format("%05d", 50_000 + i);
        }
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();

        // Warm-up (JIT, connection pools), not counted.
        run(http, base, customers, 500, CLIENTS, 0, new ConcurrentLinkedQueue<>(), new AtomicInteger(), new long[500]);

        long[] burstNanos = new long[BURST];
        long start = System.nanoTime();
        int burstDone = run(http, base, customers, BURST, CLIENTS, 0, accepted, failed, burstNanos);
        double burstSeconds = (System.nanoTime() - start) / 1e9;

        long[] pacedNanos = new long[PACED];
        long pacedStart = System.nanoTime();
        int pacedDone = run(http, base, customers, PACED, 64, PACED_RATE, accepted, failed, pacedNanos);
        double pacedSeconds = (System.nanoTime() - pacedStart) / 1e9;

        // Every accepted text must be on the topic.
        Set<String> wanted = new HashSet<>(accepted);
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
            SmsTestSupport.contactEvents(bootstrap).stream().filter(ContactMessageReceived.class::isInstance)
                    .map(e -> ((ContactMessageReceived) e).metadata().get("providerMessageId")).filter(wanted::contains).forEach(seen::add);
        }
        int lost = wanted.size() - seen.size();

        Map<String, Object> burst = stats(burstNanos, burstDone, burstSeconds);
        Map<String, Object> paced = stats(pacedNanos, pacedDone, pacedSeconds);
        String report = """
                {
                  "benchmark": "sms-channel signed Twilio webhooks to Kafka",
                  "machine": {"cores": %d},
                  "burst": {"clients": %d, "requests": %d, "seconds": %.2f, "perSecond": %.0f, "p50Ms": %s, "p95Ms": %s, "p99Ms": %s, "maxMs": %s},
                  "paced": {"targetPerSecond": %d, "requests": %d, "seconds": %.2f, "perSecond": %.0f, "p50Ms": %s, "p95Ms": %s, "p99Ms": %s, "maxMs": %s},
                  "accepted": %d,
                  "failed": %d,
                  "lost": %d
                }
                """.formatted(Runtime.getRuntime().availableProcessors(), CLIENTS, burstDone, burstSeconds, burst.get("rate"),
                burst.get("p50"), burst.get("p95"), burst.get("p99"), burst.get("max"), PACED_RATE, pacedDone, pacedSeconds,
                paced.get("rate"), paced.get("p50"), paced.get("p95"), paced.get("p99"), paced.get("max"), wanted.size(), failed.get(),
                lost);
        Path out = Path.of("target/sms-channel-bench/report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        assertThat(lost).isZero();
        assertThat(failed.get()).isZero();
    }

    /** Sends {@code count} signed texts with {@code clients} workers, paced at {@code rate}/s when rate > 0. */
    private int run(HttpClient http, String base, String[] customers, int count, int clients, int rate,
            ConcurrentLinkedQueue<String> accepted, AtomicInteger failed, long[] nanos) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long stop = start + LIMIT.toNanos();
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < stop) {
                    int i = next.getAndIncrement();
                    if (i >= count) {
                        return;
                    }
                    if (rate > 0) {
                        long due = start + i * interval;
                        while (System.nanoTime() < due) {
                            LockSupport.parkNanos(due - System.nanoTime());
                        }
                    }
                    String sid = SmsTestSupport.sid();
                    var form = SmsTestSupport.text(sid, customers[i % customers.length], SmsTestSupport.ACME_NUMBER,
                            "Benchmark text " + i + ": where is my parcel? 📦");
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/webhooks/twilio/sms"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", SmsTestSupport.signature("/webhooks/twilio/sms", form))
                            .POST(HttpRequest.BodyPublishers.ofString(SmsTestSupport.encode(form), StandardCharsets.US_ASCII)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        nanos[i] = System.nanoTime() - t0;
                        if (response.statusCode() == 200) {
                            accepted.add(sid);
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        nanos[i] = System.nanoTime() - t0;
                        failed.incrementAndGet();
                    }
                    done.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
        return done.get();
    }

    private static Map<String, Object> stats(long[] nanos, int done, double seconds) {
        long[] sorted = Arrays.copyOf(Arrays.stream(nanos).filter(n -> n > 0).toArray(), Math.max(1, done));
        Arrays.sort(sorted);
        List<String> ms = new ArrayList<>();
        for (double q : new double[] {0.50, 0.95, 0.99, 1.0}) {
            int index = Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1);
            ms.add(String.format("%.1f", sorted[Math.max(0, index)] / 1e6));
        }
        return Map.of("rate", done / seconds, "p50", ms.get(0), "p95", ms.get(1), "p99", ms.get(2), "max", ms.get(3));
    }
}
