package io.switchboard.customer360.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.testing.process.CpuClock;

/**
 * The load of {@link Customer360LoadBench}, run as its own process so that its CPU is its own (and
 * can be pinned and measured). In order:
 * <ol>
 * <li>seeds 1,000,000 identities in SQL (500,000 customers with an email and a phone each);</li>
 * <li>a warm-up (not measured): {@code warmupContacts} contacts of the same mix, each with a
 * message, so that the service's JIT has compiled the path (on one CPU it takes that long) and its
 * caches and pools are filled;</li>
 * <li>resolution: {@code contacts} contacts (a third from a known email, a third from a known phone
 * over SMS, a third from new addresses) and one {@code contact.message.received} each, encoded
 * before the clock starts and published at once; the clock runs from the first send until the
 * last event is in {@code processed_event} (polled every 100 ms);</li>
 * <li>timeline: one customer gets 10,000 lines; {@code pages} pages of 50 are read one at a time over
 * HTTP with a real Keycloak token (after {@code warmupPages} unmeasured ones, the same walk), walking
 * the history by cursor, one request in four filtered by channel.</li>
 * </ol>
 * Writes report.json (and report.txt beside it) with each phase's figures and each process's CPU.
 *
 * <p>Arguments are {@code key=value}: {@code bootstrap jdbc user password api realm report contacts
 * warmupContacts warmupPages pages label sharing}, and {@code watch=pid:name} for each process whose CPU goes
 * into the report.
 */
public final class Customer360LoadGenerator {

    private static final String TENANT = "acme-bank";
    private static final int SEEDED_CUSTOMERS = 500_000;
    private static final int TIMELINE_ENTRIES = 10_000;
    private static final URI SOURCE = URI.create("/bench/customer360");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Encoded(String topic, String key, byte[] value) {
    }

    private final Map<String, String> args;
    private final List<CpuClock.Process> watched;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Object> report = new java.util.LinkedHashMap<>();
    private final List<String> text = new ArrayList<>();
    private Connection counting;

    private Customer360LoadGenerator(Map<String, String> args, List<CpuClock.Process> watched) {
        this.args = args;
        this.watched = watched;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap"),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        List<CpuClock.Process> watched = new ArrayList<>();
        for (String arg : argv) {
            String[] kv = arg.split("=", 2);
            if (kv[0].equals("watch")) {
                String[] pidName = kv[1].split(":", 2);
                watched.add(new CpuClock.Process(Long.parseLong(pidName[0]), pidName[1]));
            } else {
                args.put(kv[0], kv[1]);
            }
        }
        watched.add(new CpuClock.Process(ProcessHandle.current().pid(), "generator"));
        new Customer360LoadGenerator(args, watched).run();
        // The Kafka clients' threads are not daemons; the report is written, so leave now.
        System.exit(0);
    }

    private void run() throws Exception {
        int contacts = Integer.parseInt(args.get("contacts"));
        int warmupContacts = Integer.parseInt(args.get("warmupContacts"));
        report.put("label", args.get("label"));
        report.put("cpu_sharing", args.get("sharing"));
        report.put("load1_at_start", CpuClock.load());
        publish(new TenantConfigured(UUID.randomUUID(), TENANT, Instant.now(), "Acme Bank", "Europe/London", "GB", "demo",
                "general", List.of()));
        producer.flush();
        await("the tenant's settings", () -> count("SELECT count(*) FROM tenant_setting") > 0, Duration.ofSeconds(60));
        seed();

        // Warm-up: known identifiers from the upper half of the seeded customers, new ones of their own.
        resolve("warm-up", events(warmupContacts, SEEDED_CUSTOMERS / 2, "warm", 11), false);
        awaitOutboxEmpty("warm-up");
        // Measured: known identifiers from the lower half.
        resolve("resolution", events(contacts, 0, "bench", 7), true);
        long linked = count("SELECT count(*) FROM contact_link WHERE contact_id LIKE 'bench-%'");
        long customers = count("SELECT count(*) FROM customer");
        long expectedCustomers = SEEDED_CUSTOMERS + newOnes(warmupContacts) + newOnes(contacts);
        if (linked != contacts || customers != expectedCustomers) {
            throw new IllegalStateException("resolution went wrong: %d of %d contacts linked, %d customers (expected %d)"
                    .formatted(linked, contacts, customers, expectedCustomers));
        }
        report.put("resolution_check", "%d contacts linked, %d customers as expected".formatted(linked, customers));
        // Measure the reads alone, not while the relay still publishes the resolution's snapshots.
        awaitOutboxEmpty("resolution");
        timeline(Integer.parseInt(args.get("warmupPages")), Integer.parseInt(args.get("pages")));
        report.put("load1_at_end", CpuClock.load());
        producer.close(Duration.ofSeconds(5));

        Path out = Path.of(args.get("report"));
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        text.add(0, "customer360 bench: " + args.get("label") + " (" + args.get("sharing") + ")");
        Files.write(out.resolveSibling("report.txt"), text);
        text.forEach(System.out::println);
    }

    private static int newOnes(int contacts) {
        return (contacts + 1) / 3;
    }

    private void seed() throws SQLException {
        long started = System.nanoTime();
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO customer (id, tenant_id, root_id, created_at) SELECT u, '" + TENANT
                    + "', u, now() FROM (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid AS u"
                    + " FROM generate_series(1, " + SEEDED_CUSTOMERS + ") n) s");
            sql.execute("INSERT INTO identity (id, tenant_id, customer_id, kind, value, strong, first_seen)"
                    + " SELECT gen_random_uuid(), '" + TENANT + "', ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,"
                    + " 'EMAIL', 'bench-' || n || '@example.com', false, now() FROM generate_series(1, " + SEEDED_CUSTOMERS + ") n");
            sql.execute("INSERT INTO identity (id, tenant_id, customer_id, kind, value, strong, first_seen)"
                    + " SELECT gen_random_uuid(), '" + TENANT + "', ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,"
                    + " 'PHONE', '+44740' || lpad(n::text, 7, '0'), true, now() FROM generate_series(1, " + SEEDED_CUSTOMERS + ") n");
            // As a long-running database would be: statistics and visibility maps up to date.
            sql.execute("VACUUM ANALYZE customer");
            sql.execute("VACUUM ANALYZE identity");
        }
        long identities = count("SELECT count(*) FROM identity");
        if (identities != 2L * SEEDED_CUSTOMERS) {
            throw new IllegalStateException("seeded " + identities + " identities");
        }
        report.put("seeded_identities", identities);
        text.add("seeded %,d identities in %.1f s".formatted(identities, (System.nanoTime() - started) / 1e9));
    }

    /** {@code contacts} contacts, each created and with one message: a third known emails, a third known phones (SMS), a third new. */
    private static List<Encoded> events(int contacts, int knownFrom, String prefix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Encoded> events = new ArrayList<>(2 * contacts);
        Instant at = Instant.now();
        for (int i = 0; i < contacts; i++) {
            int kind = i % 3;
            int known = knownFrom + 1 + random.nextInt(SEEDED_CUSTOMERS / 2);
            Address from = switch (kind) {
                case 0 -> Address.email("bench-" + known + "@example.com");
                case 1 -> Address.phone("+44740" + String.format("%07d", known), "GB");
                default -> Address.email(prefix + "-new-" + i + "@example.org");
            };
            Channel channel = kind == 1 ? Channel.SMS : Channel.EMAIL;
            String contactId = prefix + "-" + i;
            events.add(encode(new ContactCreated(UUID.randomUUID(), TENANT, at, contactId, channel, Direction.INBOUND, "entry", from,
                    null, Map.of(), "subject", "first words", List.of(), "en", 0, Map.of())));
            events.add(encode(new ContactMessageReceived(UUID.randomUUID(), TENANT, at.plusMillis(1), contactId, "m-" + i, channel,
                    from, "a follow-up line", List.of(), Map.of())));
        }
        return events;
    }

    private void resolve(String phase, List<Encoded> events, boolean measured) throws Exception {
        long before = count("SELECT count(*) FROM processed_event");
        long target = before + events.size();
        JvmCounters.Sample jvmBefore = JvmCounters.sample(servicePid());
        CpuClock.Sample cpuBefore = CpuClock.sample(watched);
        long started = System.nanoTime();
        for (Encoded event : events) {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), event.value()));
        }
        producer.flush();
        long sentAt = System.nanoTime();
        long processedWhenSent = count("SELECT count(*) FROM processed_event") - before;
        long deadline = started + TimeUnit.MINUTES.toNanos(10);
        List<Long> perSecond = new ArrayList<>();
        long nextSecond = started + 1_000_000_000L;
        long lastCount = before;
        long processed = before;
        while (processed < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phase + ": " + (processed - before) + " of " + events.size() + " events in 10 min");
            }
            Thread.sleep(100);
            processed = count("SELECT count(*) FROM processed_event");
            if (System.nanoTime() >= nextSecond) {
                perSecond.add(processed - lastCount);
                lastCount = processed;
                nextSecond += 1_000_000_000L;
            }
        }
        long done = System.nanoTime();
        CpuClock.Sample cpuAfter = CpuClock.sample(watched);
        Map<String, Object> jvm = JvmCounters.sample(servicePid()).since(jvmBefore);
        double seconds = (done - started) / 1e9;
        double sending = (sentAt - started) / 1e9;
        double afterSending = (done - sentAt) / 1e9;
        long rest = events.size() - processedWhenSent;
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("events", events.size());
        figures.put("seconds", round(seconds));
        figures.put("events_per_s", Math.round(events.size() / seconds));
        figures.put("publishing_s", round(sending));
        figures.put("events_processed_while_publishing", processedWhenSent);
        figures.put("events_per_s_after_publishing", afterSending > 0 ? Math.round(rest / afterSending) : null);
        figures.put("processed_by_second", perSecond);
        figures.put("cpu", JSON.readTree(CpuClock.json(cpuBefore, cpuAfter)));
        figures.put("service_jvm", jvm);
        // CPU per event: what a share of the cores costs, whatever else the machine was doing.
        figures.put("cpu_ms_per_event", perUnit(cpuBefore, cpuAfter, events.size()));
        report.put(measured ? "resolution" : "warmup", figures);
        text.add("%s: %,d events (%,d contacts, 2/3 from known identifiers) over %,d identities in %.1f s = %,.0f events/s (publishing took %.1f s; %,.0f events/s after it)"
                .formatted(phase, events.size(), events.size() / 2, 2 * SEEDED_CUSTOMERS, seconds, events.size() / seconds, sending,
                        afterSending > 0 ? rest / afterSending : 0.0));
        text.add("  cpu: " + CpuClock.json(cpuBefore, cpuAfter));
        text.add("  service JVM: " + jvm + "; CPU ms per event: " + perUnit(cpuBefore, cpuAfter, events.size()));
    }

    /** Each process's CPU over a window divided by the work done in it, in milliseconds. */
    private static Map<String, Double> perUnit(CpuClock.Sample before, CpuClock.Sample after, int units) {
        Map<String, Double> per = new java.util.LinkedHashMap<>();
        after.seconds().forEach((name, seconds) -> per.put(name,
                Math.round((seconds - before.seconds().getOrDefault(name, 0.0)) * 1e3 / units * 1000) / 1000.0));
        return per;
    }

    private long servicePid() {
        return watched.stream().filter(p -> p.name().equals("service")).mapToLong(CpuClock.Process::pid).findFirst().orElse(-1);
    }

    private void awaitOutboxEmpty(String phase) throws Exception {
        long started = System.nanoTime();
        await("the outbox after the " + phase, () -> count("SELECT count(*) FROM outbox") == 0, Duration.ofMinutes(5));
        text.add("  outbox drained %.1f s after the %s".formatted((System.nanoTime() - started) / 1e9, phase));
    }

    private void timeline(int warmup, int requests) throws Exception {
        String customerId = "00000000-0000-4000-8000-" + String.format("%012x", 42);
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO timeline_entry (id, tenant_id, customer_id, contact_id, channel, kind, occurred_at, text)"
                    + " SELECT gen_random_uuid(), '" + TENANT + "', '" + customerId + "', 'history-' || (n / 4),"
                    + " (ARRAY['VOICE','EMAIL','CHAT','SMS'])[1 + n % 4], 'MESSAGE_RECEIVED',"
                    + " now() - make_interval(mins => n), 'line ' || n FROM generate_series(1, " + TIMELINE_ENTRIES + ") n");
            sql.execute("VACUUM ANALYZE timeline_entry");
        }
        HttpClient http = HttpClient.newHttpClient();
        String token = token(http);
        String base = args.get("api") + "/api/customers/" + customerId + "/timeline";
        // The same walk, unmeasured, so that the service's JIT has compiled this path.
        walk(http, token, base, new long[warmup], new long[warmup]);
        long[] nanos = new long[requests];
        long[] startedAt = new long[requests];
        JvmCounters.Sample jvmBefore = JvmCounters.sample(servicePid());
        CpuClock.Sample cpuBefore = CpuClock.sample(watched);
        int pagesSeen = walk(http, token, base, nanos, startedAt);
        CpuClock.Sample cpuAfter = CpuClock.sample(watched);
        Map<String, Object> jvm = JvmCounters.sample(servicePid()).since(jvmBefore);
        if (pagesSeen <= TIMELINE_ENTRIES / 50) {
            throw new IllegalStateException("walked only " + pagesSeen + " pages");
        }
        // The slowest requests, with when they started, to lay beside the service's GC log.
        Integer[] order = new Integer[requests];
        for (int i = 0; i < requests; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
        List<String> slowest = new ArrayList<>();
        for (int i = 0; i < Math.min(25, requests); i++) {
            slowest.add("%.1f ms at +%.3f s".formatted(nanos[order[i]] / 1e6, startedAt[order[i]] / 1e9));
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("entries", TIMELINE_ENTRIES);
        figures.put("requests", requests);
        figures.put("p50_ms", round(sorted[sorted.length / 2] / 1e6));
        figures.put("p90_ms", round(sorted[(int) (sorted.length * 0.90)] / 1e6));
        figures.put("p99_ms", round(sorted[(int) (sorted.length * 0.99)] / 1e6));
        figures.put("max_ms", round(sorted[sorted.length - 1] / 1e6));
        figures.put("slowest", slowest);
        figures.put("cpu", JSON.readTree(CpuClock.json(cpuBefore, cpuAfter)));
        figures.put("service_jvm", jvm);
        figures.put("cpu_ms_per_request", perUnit(cpuBefore, cpuAfter, requests));
        report.put("timeline", figures);
        text.add("timeline: %,d entries, %,d requests of 50: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms".formatted(
                TIMELINE_ENTRIES, requests, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.90)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6));
        text.add("  cpu: " + CpuClock.json(cpuBefore, cpuAfter));
        text.add("  service JVM: " + jvm + "; CPU ms per request: " + perUnit(cpuBefore, cpuAfter, requests));
        text.add("  slowest: " + slowest);
    }

    /**
     * Walks the history page by page, by cursor, one request in four filtered by channel.
     * @return how many unfiltered pages were read
     */
    private static int walk(HttpClient http, String token, String base, long[] nanos, long[] startedAt) throws Exception {
        String cursor = null;
        int pagesSeen = 0;
        long first = System.nanoTime();
        for (int i = 0; i < nanos.length; i++) {
            String channel = i % 4 == 3 ? "CHAT" : null;
            long started = System.nanoTime();
            String body = page(http, token, base, channel, channel == null ? cursor : null);
            nanos[i] = System.nanoTime() - started;
            startedAt[i] = started - first;
            JsonNode page = JSON.readTree(body);
            if (page.get("items").isEmpty()) {
                throw new IllegalStateException("an empty timeline page");
            }
            if (channel == null) {
                cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
                pagesSeen++;
            }
        }
        return pagesSeen;
    }

    private String token(HttpClient http) throws Exception {
        String form = "grant_type=password&client_id=switchboard-desktop&username=alice&password=alice&scope=openid";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(args.get("realm") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token: " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static String page(HttpClient http, String token, String base, String channel, String cursor) throws Exception {
        StringBuilder uri = new StringBuilder(base).append("?limit=50");
        if (channel != null) {
            uri.append("&channel=").append(channel);
        }
        if (cursor != null) {
            uri.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri.toString()))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("timeline page answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Encoded encode(SwitchboardEvent event) {
        return new Encoded(EventType.of(event).topic(), event.subject(), EventCodec.encode(event, SOURCE));
    }

    private void publish(SwitchboardEvent event) {
        Encoded encoded = encode(event);
        producer.send(new ProducerRecord<>(encoded.topic(), encoded.key(), encoded.value()));
    }

    private interface Check {
        boolean met() throws Exception;
    }

    private static void await(String what, Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + timeout + " for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** On one connection kept open: a new one per poll would cost PostgreSQL a process start every 100 ms. */
    private long count(String query) throws SQLException {
        if (counting == null) {
            counting = connect();
        }
        try (Statement sql = counting.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        Connection db = DriverManager.getConnection(args.get("jdbc"), args.get("user"), args.get("password"));
        try (Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO customer360");
        }
        return db;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
