package io.switchboard.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.reporting.domain.FactBook;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The figures of docs/reporting.md "Speed". Not part of the test run (the name does not match the test
 * patterns); run it by name:
 *
 * <pre>./mvnw -B -pl services/reporting test -Dtest=ReportingBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * 1. Consumption: a day of one tenant (50 queues, 100 agents, 20,000 contacts: created, queued, then
 * assigned, ended and wrapped up, or abandoned; 20 presence changes per agent), 98,020 events,
 * encoded up front and published at once. Events per second from the first send until the last event
 * is recorded as processed.
 * 2. Reading: a month of 15-minute rows of a tenant with 50 queues (148,800 rows seeded in SQL, with their
 * daily rollup); 300
 * requests of each shape over HTTP with a real Keycloak token, one at a time.
 * Writes target/reporting-bench/report.json; {@code -Dbench.read=false} skips the reading part.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "reportingbench"))
@WithTestResource(KeycloakResource.class)
class ReportingBench {

    private static final String TENANT = "acme-bank";
    private static final String READ_TENANT = "globex-travel";
    private static final int QUEUES = 50;
    private static final int AGENTS = 100;
    private static final int CONTACTS = 20_000;
    private static final int STATES_PER_AGENT = 20;
    private static final int REQUESTS = 300;
    private static final URI SOURCE = URI.create("/bench/reporting");
    private static final Instant DAY = Instant.parse("2026-11-03T00:00:00Z");

    @Test
    void consumptionAndReading() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("consumption", consume());
        // -Dbench.read=false measures consumption alone (back-to-back runs on a shared machine).
        if (Boolean.parseBoolean(System.getProperty("bench.read", "true"))) {
            report.put("reading", read());
        }
        Path out = Path.of("target/reporting-bench/report.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("reporting bench: " + report);
    }

    private Map<String, Object> consume() throws SQLException {
        List<SwitchboardEvent> events = day();
        List<byte[]> encoded = events.stream().map(e -> EventCodec.encode(e, SOURCE)).toList();
        long before = processed();
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            long started = System.nanoTime();
            for (int i = 0; i < events.size(); i++) {
                SwitchboardEvent event = events.get(i);
                kafka.sendAsync(EventType.of(event).topic(), event.subject(), encoded.get(i));
            }
            kafka.flush();
            double publishSeconds = (System.nanoTime() - started) / 1e9;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> processed() - before >= events.size());
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("events", events.size());
            result.put("publishSeconds", round(publishSeconds));
            result.put("seconds", round(seconds));
            result.put("eventsPerSecond", Math.round(events.size() / seconds));
            result.put("target", 5000);
            result.put("offeredCounted", scalar("SELECT sum(offered) FROM reporting.interval_figures WHERE tenant_id = '" + TENANT
                    + "' AND dimension = 'queue'"));
            assertThat(result.get("offeredCounted")).isEqualTo((long) CONTACTS);
            // Every stored row equals the definition computed from all the events at once, and each day is the sum of its intervals.
            FactBook book = new FactBook();
            events.forEach(book::apply);
            Map<String, Figures> expected = new HashMap<>();
            book.figures().get(TENANT).forEach((k, f) -> expected.put(k.dimension().slug() + "|" + k.key() + "|" + k.interval(), f));
            assertThat(storedFigures("SELECT dimension, key, to_char(interval_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), " + FIGURE_COLUMNS + " FROM reporting.interval_figures"
                    + " WHERE tenant_id = '" + TENANT + "'")).isEqualTo(expected);
            Map<String, Figures> days = new HashMap<>();
            expected.forEach((k, f) -> {
                String[] parts = k.split("\\|");
                days.merge(parts[0] + "|" + parts[1] + "|" + Instant.parse(parts[2]).atOffset(ZoneOffset.UTC).toLocalDate(), f, Figures::plus);
            });
            assertThat(storedFigures("SELECT dimension, key, day::text, " + FIGURE_COLUMNS + " FROM reporting.day_figures"
                    + " WHERE tenant_id = '" + TENANT + "'")).isEqualTo(days);
            Map<String, List<Long>> time = new HashMap<>();
            Map<String, List<Long>> timeDays = new HashMap<>();
            book.agentTime().get(TENANT).forEach((k, t) -> {
                time.put(k.agentId() + "|" + k.interval(), List.of(t.loggedIn(), t.available(), t.busy(), t.availableIdle()));
                timeDays.merge(k.agentId() + "|" + k.interval().atOffset(ZoneOffset.UTC).toLocalDate(),
                        List.of(t.loggedIn(), t.available(), t.busy(), t.availableIdle()),
                        (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2), a.get(3) + b.get(3)));
            });
            assertThat(storedTime("SELECT agent_id, to_char(interval_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                    + " logged_in_ms, available_ms, busy_ms, available_idle_ms FROM reporting.agent_time WHERE tenant_id = '" + TENANT + "'"))
                    .isEqualTo(time);
            assertThat(storedTime("SELECT agent_id, day::text, logged_in_ms, available_ms, busy_ms, available_idle_ms"
                    + " FROM reporting.agent_day_time WHERE tenant_id = '" + TENANT + "'")).isEqualTo(timeDays);
            result.put("rowsCheckedAgainstTheDefinition", expected.size() + days.size() + time.size() + timeDays.size());
            return result;
        }
    }

    /** One day of contacts in time order, each queue's and agent's work spread over the day. */
    private static List<SwitchboardEvent> day() {
        SplittableRandom random = new SplittableRandom(21);
        List<SwitchboardEvent> events = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            String agent = "agent-%03d".formatted(a);
            for (int s = 0; s < STATES_PER_AGENT; s++) {
                AgentStateChanged.State state = s == 0 ? AgentStateChanged.State.AVAILABLE
                        : s == STATES_PER_AGENT - 1 ? AgentStateChanged.State.OFFLINE
                        : s % 2 == 1 ? AgentStateChanged.State.AWAY : AgentStateChanged.State.AVAILABLE;
                events.add(new AgentStateChanged(UUID.randomUUID(), TENANT, DAY.plusSeconds(s * 4_000L + a), agent, state, null, null));
            }
        }
        for (int c = 0; c < CONTACTS; c++) {
            String contact = "bench-" + c;
            String queue = "queue-%02d".formatted(c % QUEUES);
            Instant created = DAY.plusSeconds(c * 80_000L / CONTACTS);
            Channel channel = Channel.values()[c % Channel.values().length];
            Address from = Address.email("customer" + random.nextInt(CONTACTS / 2) + "@example.com");
            events.add(new ContactCreated(UUID.randomUUID(), TENANT, created, contact, channel, Direction.INBOUND, "entry", from, null,
                    Map.of(), null, null, List.of(), null, 0, Map.of()));
            events.add(new ContactQueued(UUID.randomUUID(), TENANT, created, contact, channel, queue, 0, created));
            long wait = random.nextInt(60);
            if (random.nextInt(10) == 0) {
                events.add(new ContactAbandoned(UUID.randomUUID(), TENANT, created.plusSeconds(wait), contact, queue, wait,
                        ContactAbandoned.Reason.CUSTOMER_LEFT));
                continue;
            }
            String agent = "agent-%03d".formatted(random.nextInt(AGENTS));
            Instant assigned = created.plusSeconds(wait);
            Instant ended = assigned.plusSeconds(60 + random.nextInt(600));
            events.add(new ContactAssigned(UUID.randomUUID(), TENANT, assigned, contact, channel, queue, agent, null));
            events.add(new ContactEnded(UUID.randomUUID(), TENANT, ended, contact, channel, ContactEnded.Reason.AGENT_ENDED, null,
                    null, null, channel == Channel.VOICE ? ended.getEpochSecond() - assigned.getEpochSecond() : null, null));
            events.add(new WrapUpCompleted(UUID.randomUUID(), TENANT, ended.plusSeconds(random.nextInt(90)), agent, contact, queue, null, null));
        }
        return events;
    }

    private Map<String, Object> read() throws Exception {
        seedMonth();
        KeycloakServer keycloak = KeycloakServer.shared();
        String port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", String.class);
        String base = "http://127.0.0.1:" + port + "/api/reports/tenants/" + READ_TENANT;
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("month by day, 50 queues (1,550 rows)", base + "/queues?granularity=day&from=2026-12-01&to=2027-01-01");
        shapes.put("month by week, 50 queues", base + "/queues?granularity=week&from=2026-12-01&to=2027-01-01");
        shapes.put("month, 50 queues (50 rows)", base + "/queues?granularity=month&from=2026-12-01&to=2027-01-01");
        shapes.put("month of 15-minute rows, 1 queue (2,976 rows)", base + "/queues?granularity=interval&queue=queue-07&from=2026-12-01&to=2027-01-01");
        shapes.put("day of 15-minute rows, 50 queues (4,800 rows)", base + "/queues?granularity=interval&from=2026-12-15&to=2026-12-16");
        shapes.put("month by day as CSV, 50 queues", base + "/queues?granularity=day&format=csv&from=2026-12-01&to=2027-01-01");
        shapes.put("month by day as XLSX, 50 queues", base + "/queues?granularity=day&format=xlsx&from=2026-12-01&to=2027-01-01");
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            double[] ms = new double[REQUESTS];
            for (int warm = 0; warm < 20; warm++) {
                get(http, shape.getValue(), keycloak.accessToken("gina"));
            }
            for (int i = 0; i < REQUESTS; i++) {
                String token = keycloak.accessToken("gina");
                long started = System.nanoTime();
                get(http, shape.getValue(), token);
                ms[i] = (System.nanoTime() - started) / 1e6;
            }
            Arrays.sort(ms);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("p50Ms", round(ms[REQUESTS / 2]));
            figures.put("p99Ms", round(ms[(int) Math.ceil(REQUESTS * 0.99) - 1]));
            figures.put("maxMs", round(ms[REQUESTS - 1]));
            result.put(shape.getKey(), figures);
        }
        return result;
    }

    private static void get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
    }

    /** A month of every 15-minute interval of 50 queues, with figures that vary by row. */
    private static void seedMonth() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO reporting.tenant_config VALUES ('" + READ_TENANT + "', 'America/New_York', now(), gen_random_uuid())"
                    + " ON CONFLICT DO NOTHING");
            sql.execute("INSERT INTO reporting.interval_figures SELECT '" + READ_TENANT + "', 'queue', i, 'queue-' || lpad(q::text, 2, '0'),"
                    + " 20 + (q + n) % 7, 18 + (q + n) % 5, 1, 1, 15, 300000, 18, 3600000, 60000, 900000, 1, 0, 17, 14"
                    + " FROM generate_series(timestamptz '2026-11-30T00:00:00Z', timestamptz '2027-01-01T23:45:00Z', interval '15 minutes')"
                    + " WITH ORDINALITY AS t(i, n), generate_series(0, " + (QUEUES - 1) + ") AS q");
            // The daily rollup of those rows, as the service keeps it (and as V4 fills it for rows already there).
            sql.execute("INSERT INTO reporting.day_figures SELECT f.tenant_id, f.dimension, (f.interval_start AT TIME ZONE z.time_zone)::date,"
                    + " f.key, sum(offered), sum(answered), sum(abandoned), sum(short_abandoned), sum(answered_in_threshold),"
                    + " sum(answer_wait_ms), sum(handled), sum(talk_ms), sum(hold_ms), sum(wrap_ms), sum(transfers), sum(overflows),"
                    + " sum(fcr_contacts), sum(fcr_resolved), sum(surveys), sum(csat_satisfied), sum(csat_score_sum)"
                    + " FROM reporting.interval_figures f JOIN reporting.tenant_config z ON z.tenant_id = f.tenant_id"
                    + " WHERE f.tenant_id = '" + READ_TENANT + "' GROUP BY 1, 2, 3, 4");
            sql.execute("ANALYZE reporting.interval_figures");
            sql.execute("ANALYZE reporting.day_figures");
        }
    }

    private static final String FIGURE_COLUMNS = "offered, answered, abandoned, short_abandoned, answered_in_threshold, answer_wait_ms,"
            + " handled, talk_ms, hold_ms, wrap_ms, transfers, overflows, fcr_contacts, fcr_resolved, surveys, csat_satisfied, csat_score_sum";

    /** Rows as "dimension|key|start" (an interval's instant or a day's date) to their figures. */
    private static Map<String, Figures> storedFigures(String query) throws SQLException {
        Map<String, Figures> rows = new HashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                long[] v = new long[17];
                for (int i = 0; i < v.length; i++) {
                    v[i] = result.getLong(4 + i);
                }
                rows.put(result.getString(1) + "|" + result.getString(2) + "|" + result.getString(3), new Figures(v[0], v[1], v[2], v[3], v[4], v[5],
                        v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16]));
            }
        }
        return rows;
    }

    /** Agent time rows as "agent|start" to their four sums. */
    private static Map<String, List<Long>> storedTime(String query) throws SQLException {
        Map<String, List<Long>> rows = new HashMap<>();
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                rows.put(result.getString(1) + "|" + result.getString(2),
                        List.of(result.getLong(3), result.getLong(4), result.getLong(5), result.getLong(6)));
            }
        }
        return rows;
    }

    private static long processed() throws SQLException {
        return scalar("SELECT count(*) FROM reporting.processed_event");
    }

    private static long scalar(String query) throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
