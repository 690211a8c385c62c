package io.switchboard.fax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import io.switchboard.events.ContactCreated;
import io.switchboard.fax.domain.FaxDocuments;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The fax ingest figures of docs/benchmarks.md. Not part of the test run (the name does not match the
 * test patterns); run it by name:
 *
 * <pre>./mvnw -B -pl services/fax-channel -am test -Dtest=FaxIngestBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Signed Twilio fax webhooks over loopback HTTP to the running service, each naming a 2-page PDF on a
 * local media host (WireMock): 200 means fetched, parsed, its first page rendered to a thumbnail,
 * stored in PostgreSQL and acknowledged by the in-process Kafka broker of the same run. Two phases: as
 * fast as {@value #CLIENTS} concurrent clients go (throughput), then paced (response times). Afterwards
 * every fax's contact.created is looked for on the topic: "lost" counts those answered 200 but absent.
 * Writes target/fax-channel-bench/report.json.
 */
@QuarkusTest
@TestProfile(FaxIngestBench.Profile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "faxbench"))
@WithTestResource(WireMockResource.class)
class FaxIngestBench {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // every call comes from 127.0.0.1, far above one source's webhook budget
            return Map.of("quarkus.oidc.tenant-enabled", "false", "quarkus.log.category.\"io.switchboard\".level", "WARN",
                    "switchboard.fax.webhook-rate.per-second", "1000000", "switchboard.fax.webhook-rate.burst", "1000000");
        }
    }

    private static final int CLIENTS = 16;
    private static final int BURST = Integer.getInteger("bench.burst", 2_000);
    private static final int PACED_RATE = Integer.getInteger("bench.rate", 25);
    private static final int PACED = Integer.getInteger("bench.paced", 750);
    private static final Duration LIMIT = Duration.ofSeconds(180);
    private static final String MEDIA = "/bench-media/two-pages.pdf";

    @Inject
    NumberDirectory directory;

    @Test
    void signedFaxWebhooksToKafka() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            FaxTestSupport.configureTenants(kafka);
        }
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (directory.route(FaxTestSupport.ACME_FAX).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        byte[] pdf = FaxDocuments.pdf(2);
        WireMockResource.server().stubFor(get(urlEqualTo(MEDIA))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(pdf)));
        String mediaUrl = "http://127.0.0.1:" + WireMockResource.server().port() + MEDIA;
        String base = ConfigProvider.getConfig().getValue("test.url", String.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(8)).build();
        String[] senders = new String[500];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = "+4479111" + String.format("%05d", 60_000 + i);
        }
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();

        // Warm-up (JIT, PDFBox's font and renderer caches, connection pools), not counted.
        run(http, base, mediaUrl, senders, 200, CLIENTS, 0, new ConcurrentLinkedQueue<>(), new AtomicInteger(), new long[200]);

        long[] burstNanos = new long[BURST];
        long start = System.nanoTime();
        int burstDone = run(http, base, mediaUrl, senders, BURST, CLIENTS, 0, accepted, failed, burstNanos);
        double burstSeconds = (System.nanoTime() - start) / 1e9;

        long[] pacedNanos = new long[PACED];
        long pacedStart = System.nanoTime();
        int pacedDone = run(http, base, mediaUrl, senders, PACED, CLIENTS, PACED_RATE, accepted, failed, pacedNanos);
        double pacedSeconds = (System.nanoTime() - pacedStart) / 1e9;

        Set<String> wanted = new HashSet<>(accepted);
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!seen.containsAll(wanted) && System.nanoTime() < deadline) {
            FaxContacts.read(bootstrap).stream().filter(ContactCreated.class::isInstance)
                    .map(e -> ((ContactCreated) e).metadata().get("providerFaxId")).filter(wanted::contains).forEach(seen::add);
        }
        int lost = wanted.size() - seen.size();

        Map<String, Object> burst = stats(burstNanos, burstDone, burstSeconds);
        Map<String, Object> paced = stats(pacedNanos, pacedDone, pacedSeconds);
        String report = """
                {
                  "benchmark": "fax-channel signed Twilio fax webhooks (2-page PDF fetched, checked, thumbnailed, stored) to Kafka",
                  "machine": {"cores": %d},
                  "documentBytes": %d,
                  "burst": {"clients": %d, "faxes": %d, "seconds": %.2f, "faxesPerSecond": %.1f, "p50Ms": %s, "p95Ms": %s, "p99Ms": %s, "maxMs": %s},
                  "paced": {"targetPerSecond": %d, "faxes": %d, "seconds": %.2f, "faxesPerSecond": %.1f, "p50Ms": %s, "p95Ms": %s, "p99Ms": %s, "maxMs": %s},
                  "accepted": %d,
                  "failed": %d,
                  "lost": %d
                }
                """.formatted(Runtime.getRuntime().availableProcessors(), pdf.length, CLIENTS, burstDone, burstSeconds, burst.get("rate"),
                burst.get("p50"), burst.get("p95"), burst.get("p99"), burst.get("max"), PACED_RATE, pacedDone, pacedSeconds,
                paced.get("rate"), paced.get("p50"), paced.get("p95"), paced.get("p99"), paced.get("max"), wanted.size(), failed.get(),
                lost);
        Path out = Path.of("target/fax-channel-bench/report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        assertThat(lost).isZero();
        assertThat(failed.get()).isZero();
    }

    /** Sends {@code count} signed fax webhooks with {@code clients} workers, paced at {@code rate}/s when rate > 0. */
    private int run(HttpClient http, String base, String mediaUrl, String[] senders, int count, int clients, int rate,
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
                    String sid = FaxTestSupport.sid();
                    var form = FaxTestSupport.received(sid, senders[i % senders.length], FaxTestSupport.ACME_FAX, 2, mediaUrl);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + FaxTestSupport.WEBHOOK))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", FaxTestSupport.signature(FaxTestSupport.TOKEN, form))
                            .POST(HttpRequest.BodyPublishers.ofString(FaxTestSupport.encode(form), StandardCharsets.US_ASCII)).build();
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
