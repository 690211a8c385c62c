package io.switchboard.customer360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The figures of docs/benchmarks.md for customer360. Not part of the test run (the name does not
 * match the test patterns); run it by name:
 *
 * <pre>./mvnw -B -pl services/customer360 -am test -Dtest=Customer360Bench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * 1. Resolution: 1,000,000 identities (500,000 customers with an email and a phone each) seeded in
 * SQL, then 60,000 events published at once: 30,000 contacts (two thirds from known identifiers, a
 * third new) each with one message. Throughput is events over the time from the first send to the
 * last event being recorded as processed.
 * 2. Timeline: one customer with 10,000 timeline entries; 2,000 page requests over HTTP with a real
 * Keycloak token, one at a time, walking the whole history by cursor (50 per page), one in four
 * filtered by channel.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "customer360bench"))
@WithTestResource(KeycloakResource.class)
class Customer360Bench {

    private static final String TENANT = "acme-bank";
    private static final int SEEDED_CUSTOMERS = 500_000;
    private static final int CONTACTS = 30_000;
    private static final int TIMELINE_ENTRIES = 10_000;
    private static final int TIMELINE_REQUESTS = 2_000;
    private static final URI SOURCE = URI.create("/bench/customer360");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> report = new ArrayList<>();

    @Test
    void resolutionThroughputAndTimelineLatency() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            publish(kafka, new TenantConfigured(UUID.randomUUID(), TENANT, Instant.now(), "Acme Bank", "Europe/London", "GB",
                    "demo", "general", List.of()));
            seedIdentities();
            resolution(kafka);
        }
        timeline();
        Path out = Path.of("target", "customer360-bench.txt");
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    private void seedIdentities() throws SQLException {
        long started = System.nanoTime();
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO customer (id, tenant_id, root_id, created_at) SELECT u, '" + TENANT
                    + "', u, now() FROM (SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid AS u"
                    + " FROM generate_series(1, " + SEEDED_CUSTOMERS + ") n) s");
            sql.execute("INSERT INTO identity (id, tenant_id, customer_id, kind, value, strong, first_seen)"
                    + " SELECT gen_random_uuid(), '" + TENANT + "', ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,"
                    + " 'EMAIL', 'bench-' || n || '@example.com', false, now() FROM generate_series(1, " + SEEDED_CUSTOMERS + ") n");
            sql.execute("INSERT INTO identity (id, tenant_id, customer_id, kind, value, strong, first_seen)"
                    + " SELECT gen_random_uuid(), '" + TENANT + "', ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,"
                    + " 'PHONE', '+44740' || lpad(n::text, 7, '0'), true, now() FROM generate_series(1, " + SEEDED_CUSTOMERS + ") n");
            sql.execute("ANALYZE customer; ANALYZE identity");
            assertThat(count(sql, "SELECT count(*) FROM identity")).isEqualTo(2L * SEEDED_CUSTOMERS);
        }
        report.add("seeded %,d identities in %.1f s".formatted(2 * SEEDED_CUSTOMERS, (System.nanoTime() - started) / 1e9));
    }

    private void resolution(KafkaTestClient kafka) throws SQLException {
        long before;
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
            before = count(sql, "SELECT count(*) FROM processed_event");
        }
        SplittableRandom random = new SplittableRandom(7);
        List<SwitchboardEvent> events = new ArrayList<>(2 * CONTACTS);
        Instant at = Instant.now();
        for (int i = 0; i < CONTACTS; i++) {
            int kind = i % 3;
            int known = 1 + random.nextInt(SEEDED_CUSTOMERS);
            Address from = switch (kind) {
                case 0 -> Address.email("bench-" + known + "@example.com");
                case 1 -> Address.phone("+44740" + String.format("%07d", known), "GB");
                default -> Address.email("new-" + i + "@example.org");
            };
            Channel channel = kind == 1 ? Channel.SMS : Channel.EMAIL;
            String contactId = "bench-" + i;
            events.add(new ContactCreated(UUID.randomUUID(), TENANT, at, contactId, channel, Direction.INBOUND, "entry", from,
                    null, Map.of(), "subject", "first words", List.of(), "en", 0, Map.of()));
            events.add(new ContactMessageReceived(UUID.randomUUID(), TENANT, at.plusMillis(1), contactId, "m-" + i, channel,
                    from, "a follow-up line", List.of(), Map.of()));
        }
        long started = System.nanoTime();
        events.forEach(event -> kafka.sendAsync(EventType.of(event).topic(), event.subject(), EventCodec.encode(event, SOURCE)));
        kafka.flush();
        double sent = (System.nanoTime() - started) / 1e9;
        long processedWhenSent;
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
            processedWhenSent = count(sql, "SELECT count(*) FROM processed_event") - before;
        }
        long target = before + events.size();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
                return count(sql, "SELECT count(*) FROM processed_event") >= target;
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM contact_link WHERE contact_id LIKE 'bench-%'")).isEqualTo(CONTACTS);
            assertThat(count(sql, "SELECT count(*) FROM customer")).isEqualTo(SEEDED_CUSTOMERS + CONTACTS / 3);
        }
        report.add("resolution: %,d events (%,d contacts, 2/3 from known identifiers) over %,d identities in %.1f s = %,.0f events/s (publishing took %.1f s)"
                .formatted(events.size(), CONTACTS, 2 * SEEDED_CUSTOMERS, seconds, events.size() / seconds, sent));
        report.add("resolution after publishing ended (the load generator idle): %,d events in %.1f s = %,.0f events/s"
                .formatted(events.size() - processedWhenSent, seconds - sent, (events.size() - processedWhenSent) / (seconds - sent)));
    }

    private void timeline() throws Exception {
        // Measure the reads alone, not while the relay still publishes the resolution's snapshots.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
                return count(sql, "SELECT count(*) FROM outbox") == 0;
            }
        });
        String customerId = "00000000-0000-4000-8000-" + String.format("%012x", 42);
        try (Connection db = ServiceDatabase.open(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO timeline_entry (id, tenant_id, customer_id, contact_id, channel, kind, occurred_at, text)"
                    + " SELECT gen_random_uuid(), '" + TENANT + "', '" + customerId + "', 'history-' || (n / 4),"
                    + " (ARRAY['VOICE','EMAIL','CHAT','SMS'])[1 + n % 4], 'MESSAGE_RECEIVED',"
                    + " now() - make_interval(mins => n), 'line ' || n FROM generate_series(1, " + TIMELINE_ENTRIES + ") n");
            sql.execute("ANALYZE timeline_entry");
        }
        HttpClient http = HttpClient.newHttpClient();
        String token = KeycloakServer.shared().accessToken("alice");
        String base = ConfigProvider.getConfig().getValue("test.url", String.class) + "/api/customers/" + customerId + "/timeline";
        for (int i = 0; i < 200; i++) {
            page(http, token, base, null, null);
        }
        long[] nanos = new long[TIMELINE_REQUESTS];
        String cursor = null;
        int pagesSeen = 0;
        for (int i = 0; i < TIMELINE_REQUESTS; i++) {
            String channel = i % 4 == 3 ? "CHAT" : null;
            long started = System.nanoTime();
            String body = page(http, token, base, channel, channel == null ? cursor : null);
            nanos[i] = System.nanoTime() - started;
            JsonNode page = JSON.readTree(body);
            assertThat(page.get("items").size()).isPositive();
            if (channel == null) {
                cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
                pagesSeen++;
            }
        }
        assertThat(pagesSeen).isGreaterThan(TIMELINE_ENTRIES / 50);
        Arrays.sort(nanos);
        report.add("timeline: %,d entries, %,d requests of 50: p50 %.2f ms, p99 %.2f ms, max %.2f ms".formatted(TIMELINE_ENTRIES,
                TIMELINE_REQUESTS, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos[nanos.length - 1] / 1e6));
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
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void publish(KafkaTestClient kafka, SwitchboardEvent event) {
        kafka.send(EventType.of(event).topic(), event.subject(), EventCodec.encode(event, SOURCE));
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
