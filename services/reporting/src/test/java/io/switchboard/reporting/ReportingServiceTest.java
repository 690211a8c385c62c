package io.switchboard.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.reporting.domain.AgentTimeFigures;
import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.FactBook.AgentInterval;
import io.switchboard.reporting.domain.FigureKey;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.reporting.persistence.ReportWriter;
import io.switchboard.reporting.messaging.ReportingConsumer;
import io.switchboard.service.messaging.DeadLetter;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The recorded day through a real broker into a real PostgreSQL, read back through the API with real
 * Keycloak tokens as JSON, CSV and XLSX; then replayed in shuffled batches into an emptied schema.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "reporting"))
@WithTestResource(KeycloakResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DAY = "from=2026-12-01&to=2026-12-02";
    private static boolean published;

    @Inject
    ReportWriter writer;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    @Order(1)
    void theRecordedDayPublishedTwiceReadsBackAsTheHandWorkedFigures() throws IOException {
        publishFixtureTwice();

        await().atMost(WAIT).untilAsserted(() -> assertThat(intervalFigures("sam", "queues")).isEqualTo(only(Dimension.QUEUE)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(agentTime("sam")).isEqualTo(Fixture.ACME_AGENT_TIME));
        assertThat(intervalFigures("sam", "agents")).isEqualTo(only(Dimension.AGENT));
        assertThat(intervalFigures("sam", "channels")).isEqualTo(only(Dimension.CHANNEL));

        // The same rows as CSV and as XLSX, by Accept and by ?format=.
        String csv = as("sam").accept("text/csv").get("/api/reports/tenants/acme-bank/queues?granularity=interval&" + DAY)
                .then().statusCode(200).header("Content-Type", containsString("text/csv")).extract().asString();
        assertThat(figuresOf(Dimension.QUEUE, parseCsv(csv))).isEqualTo(only(Dimension.QUEUE));
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("start,queue,offered,answered,abandoned,shortAbandoned,"
                + "answeredWithinThreshold,serviceLevel,abandonRate,asaSeconds,ahtSeconds,avgTalkSeconds,avgHoldSeconds,"
                + "avgWrapUpSeconds,handled,answerWaitSeconds,talkSeconds,holdSeconds,wrapUpSeconds,transfers,overflows,"
                + "fcrContacts,fcrResolved,fcrRate,surveys,csatSatisfied,csatScoreSum,csat,avgSurveyScore");
        // billing at 09:00: C1 5 and C2 2, so half the answers are 4 or 5, averaging 3.5.
        Map<String, Object> billing0900 = parseCsv(csv).stream()
                .filter(r -> r.get("queue").equals("billing") && r.get("start").equals("2026-12-01T09:00Z")).findFirst().orElseThrow();
        assertThat(billing0900).containsEntry("csat", "0.5").containsEntry("avgSurveyScore", "3.5");
        byte[] xlsx = as("sam").get("/api/reports/tenants/acme-bank/agents?granularity=interval&format=xlsx&" + DAY)
                .then().statusCode(200).extract().asByteArray();
        List<Map<String, Object>> sheet = parseXlsx(xlsx);
        assertThat(figuresOf(Dimension.AGENT, sheet)).isEqualTo(only(Dimension.AGENT));
        assertThat(timeOf(sheet)).isEqualTo(Fixture.ACME_AGENT_TIME);
    }

    @Test
    @Order(2)
    void aDayAddsItsIntervalsUpAndDerivesTheRatesFromTheSums() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(intervalFigures("sam", "queues")).isEqualTo(only(Dimension.QUEUE)));
        ValidatableResponse billing = as("sam").get("/api/reports/tenants/acme-bank/queues?granularity=day&queue=billing&" + DAY)
                .then().statusCode(200)
                .body("timeZone", equalTo("Europe/London"))
                .body("rows.size()", equalTo(1))
                .body("rows[0].start", equalTo("2026-12-01T00:00Z"))
                .body("rows[0].offered", equalTo(6))
                .body("rows[0].answered", equalTo(3))
                .body("rows[0].abandoned", equalTo(1))
                .body("rows[0].shortAbandoned", equalTo(2))
                .body("rows[0].answeredWithinThreshold", equalTo(2));
        // REST Assured reads JSON numbers as floats: closeness to 1e-5, the values themselves are doubles.
        Map<String, Object> row = billing.extract().jsonPath().getMap("rows[0]");
        assertThat(((Number) row.get("serviceLevel")).doubleValue()).isEqualTo(0.5);
        assertThat(((Number) row.get("asaSeconds")).doubleValue()).isCloseTo(50.0 / 3, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(((Number) row.get("fcrRate")).doubleValue()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-5));
        // Surveys of C1 (5), C2 (2) and C5 (4): CSAT is the share of 4s and 5s.
        assertThat(row).containsEntry("surveys", 3).containsEntry("csatSatisfied", 2).containsEntry("csatScoreSum", 11);
        assertThat(((Number) row.get("csat")).doubleValue()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(((Number) row.get("avgSurveyScore")).doubleValue()).isCloseTo(11.0 / 3, org.assertj.core.data.Offset.offset(1e-5));

        // Weeks start on Monday; the first is clipped to from (Tuesday 1 December), so the day's figures are all in it.
        as("sam").get("/api/reports/tenants/acme-bank/queues?granularity=week&queue=billing&from=2026-12-01&to=2026-12-15")
                .then().statusCode(200)
                .body("rows.size()", equalTo(1))
                .body("rows[0].start", equalTo("2026-12-01T00:00Z"))
                .body("rows[0].offered", equalTo(6));

        // A month of one agent: occupancy and utilisation from the summed times.
        Map<String, Object> alice = as("sam").get("/api/reports/tenants/acme-bank/agents?granularity=month&agent=alice&from=2026-12-01&to=2027-01-01")
                .then().statusCode(200).body("rows.size()", equalTo(1)).extract().jsonPath().getMap("rows[0]");
        assertThat(((Number) alice.get("occupancy")).doubleValue()).isCloseTo(530.0 / 2700, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(((Number) alice.get("utilisation")).doubleValue()).isCloseTo(530.0 / 2700, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(((Number) alice.get("loggedInSeconds")).doubleValue()).isEqualTo(2700.0);
    }

    @Test
    @Order(3)
    void eachUserSeesOnlyTheTenantsTheyServe() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(intervalFigures("gina", "globex-travel", "queues"))
                .isEqualTo(only(Fixture.GLOBEX_FIGURES, Dimension.QUEUE)));
        as("gina").get("/api/reports/tenants/acme-bank/queues?" + DAY).then().statusCode(403)
                .body("detail", containsString("acme-bank")).body("rows", org.hamcrest.Matchers.nullValue());
        as("sam").get("/api/reports/tenants/globex-travel/agents?" + DAY).then().statusCode(403);
        as("alice").get("/api/reports/tenants/acme-bank/queues?" + DAY).then().statusCode(403);
        given().get("/api/reports/tenants/acme-bank/queues?" + DAY).then().statusCode(401);
        as("ada").get("/api/reports/tenants/globex-travel/channels?" + DAY).then().statusCode(200).body("rows.size()", equalTo(1));
    }

    @Test
    @Order(4)
    void badParametersAreRefusedWithAReason() {
        String base = "/api/reports/tenants/acme-bank/queues";
        as("sam").get(base + "?to=2026-12-02").then().statusCode(400).body("detail", containsString("from is required"));
        as("sam").get(base + "?from=2026-13-01&to=2026-12-02").then().statusCode(400).body("detail", containsString("not a date"));
        as("sam").get(base + "?from=2026-12-02&to=2026-12-01").then().statusCode(400).body("detail", containsString("must be after"));
        as("sam").get(base + "?granularity=hour&" + DAY).then().statusCode(400).body("detail", containsString("granularity"));
        as("sam").get(base + "?granularity=interval&from=2026-01-01&to=2026-12-01").then().statusCode(400)
                .body("detail", containsString("at most 31 days"));
        as("sam").get(base + "?format=pdf&" + DAY).then().statusCode(400).body("detail", containsString("format"));
        as("sam").get("/api/reports/tenants/acme-bank/channels?channel=pigeon&" + DAY).then().statusCode(400)
                .body("detail", containsString("unknown channel"));
    }

    @Test
    @Order(5)
    void replayingTheDayShuffledIntoAnEmptySchemaRebuildsTheSameFigures() throws SQLException {
        await().atMost(WAIT).untilAsserted(() -> assertThat(intervalFigures("sam", "queues")).isEqualTo(only(Dimension.QUEUE)));
        for (long seed = 1; seed <= 3; seed++) {
            emptySchema();
            List<SwitchboardEvent> events = new ArrayList<>(Fixture.events());
            Random random = new Random(seed);
            Collections.shuffle(events, random);
            // Batches of random sizes, as polls would cut them.
            for (int i = 0; i < events.size();) {
                int size = 1 + random.nextInt(12);
                writer.apply(events.subList(i, Math.min(events.size(), i + size))).await().atMost(Duration.ofSeconds(30));
                i += size;
            }
            assertThat(intervalFigures("sam", "queues")).as("seed %d", seed).isEqualTo(only(Dimension.QUEUE));
            assertThat(intervalFigures("sam", "agents")).as("seed %d", seed).isEqualTo(only(Dimension.AGENT));
            assertThat(intervalFigures("sam", "channels")).as("seed %d", seed).isEqualTo(only(Dimension.CHANNEL));
            assertThat(agentTime("sam")).as("seed %d", seed).isEqualTo(Fixture.ACME_AGENT_TIME);
            assertThat(intervalFigures("gina", "globex-travel", "queues")).isEqualTo(only(Fixture.GLOBEX_FIGURES, Dimension.QUEUE));
            // The daily rollup, whatever the order: each day is the sum of its intervals.
            for (Dimension dimension : Dimension.values()) {
                assertThat(dayFigures(dimension)).as("seed %d, days of %s", seed, dimension).isEqualTo(byDay(only(dimension)));
            }
            assertThat(agentDayTime()).as("seed %d", seed).isEqualTo(byDayTime(Fixture.ACME_AGENT_TIME));
        }
    }

    @Test
    @Order(6)
    void aLateSurveyAnswerRecomputesTheIntervalOfItsContact() throws SQLException {
        emptySchema();
        List<SwitchboardEvent> events = Fixture.events();
        writer.apply(events.stream().filter(e -> !Fixture.isLateSurvey(e)).toList()).await().atMost(Duration.ofSeconds(30));
        FigureKey billing0915 = new FigureKey(Dimension.QUEUE, "billing", Instant.parse("2026-12-01T09:15:00Z"));
        assertThat(intervalFigures("sam", "queues").get(billing0915).surveys()).isZero();

        writer.apply(events.stream().filter(Fixture::isLateSurvey).toList()).await().atMost(Duration.ofSeconds(30));

        assertThat(intervalFigures("sam", "queues")).isEqualTo(only(Dimension.QUEUE));
        assertThat(intervalFigures("sam", "agents")).isEqualTo(only(Dimension.AGENT));
        assertThat(intervalFigures("sam", "channels")).isEqualTo(only(Dimension.CHANNEL));
    }

    @Test
    @Order(8)
    void aTenantsNewTimeZoneMovesItsFiguresToItsNewLocalDays() throws SQLException {
        String tenant = "zone-test";
        // 02:00 UTC on 2 December is 21:00 on 1 December in New York.
        Instant queued = Instant.parse("2026-12-02T02:00:00Z");
        writer.apply(List.<SwitchboardEvent>of(new ContactQueued(UUID.randomUUID(), tenant, queued, "z1", Channel.CHAT, "sales", 0, queued)))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(rollup(tenant)).containsExactly("2026-12-02 channel CHAT 1", "2026-12-02 queue sales 1");

        writer.apply(List.<SwitchboardEvent>of(new TenantConfigured(UUID.randomUUID(), tenant, queued, "Zone test", "America/New_York",
                "US", null, null, List.of()))).await().atMost(Duration.ofSeconds(30));
        assertThat(rollup(tenant)).containsExactly("2026-12-01 channel CHAT 1", "2026-12-01 queue sales 1");

        // A contact after the change lands on its local day too, beside the first.
        Instant later = Instant.parse("2026-12-02T04:30:00Z");
        writer.apply(List.<SwitchboardEvent>of(new ContactQueued(UUID.randomUUID(), tenant, later, "z2", Channel.CHAT, "sales", 0, later)))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(rollup(tenant)).containsExactly("2026-12-01 channel CHAT 2", "2026-12-01 queue sales 2");

        // A zone that does not exist is not taken, and the batch still goes through.
        writer.apply(List.<SwitchboardEvent>of(new TenantConfigured(UUID.randomUUID(), tenant, later, "Zone test", "Mars/Olympus_Mons",
                "US", null, null, List.of()))).await().atMost(Duration.ofSeconds(30));
        assertThat(rollup(tenant)).containsExactly("2026-12-01 channel CHAT 2", "2026-12-01 queue sales 2");
    }

    @Test
    @Order(7)
    void whatReportingCannotReadIsDeadLetteredWithTheReasonAndThePartitionGoesOn() {
        String key = "refused-" + UUID.randomUUID();
        kafka.send(Topics.ROUTING, key, "{\"not\": \"a cloud event\"}".getBytes(StandardCharsets.UTF_8));
        String v2 = """
                {"specversion":"1.0","id":"%s","source":"/routing","type":"io.switchboard.contact.queued.v2","subject":"%s",
                 "datacontenttype":"application/json","tenantid":"acme-bank","data":{"contactId":"%s"}}""".formatted(UUID.randomUUID(), key, key);
        kafka.send(Topics.ROUTING, key, v2.getBytes(StandardCharsets.UTF_8));
        // The next event on the same key (so the same partition) is applied: nothing blocks the partition.
        Instant queued = Instant.parse("2026-12-03T10:00:00Z");
        kafka.publish(new ContactQueued(UUID.randomUUID(), Fixture.ACME, queued, key, Channel.CHAT, "billing", 0, queued),
                URI.create("/routing"));

        var letters = kafka.await(Topics.DEAD_LETTER, r -> key.equals(r.key())
                && ReportingConsumer.CONSUMER.equals(header(r, DeadLetter.CONSUMER)), 2, WAIT);
        assertThat(letters).extracting(r -> header(r, DeadLetter.REASON)).containsExactly("MALFORMED_ENVELOPE", "UNKNOWN_TYPE_VERSION");
        assertThat(header(letters.get(0), DeadLetter.TOPIC)).isEqualTo(Topics.ROUTING);
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"a cloud event\"}");
        await().atMost(WAIT).untilAsserted(() -> as("sam")
                .get("/api/reports/tenants/acme-bank/queues?granularity=day&queue=billing&from=2026-12-03&to=2026-12-04")
                .then().statusCode(200).body("rows.size()", equalTo(1)).body("rows[0].offered", equalTo(1)));
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private void publishFixtureTwice() {
        if (published) {
            return;
        }
        for (int round = 0; round < 2; round++) {
            for (byte[] record : Fixture.records()) {
                SwitchboardEvent event = ((DecodeResult.Decoded) EventCodec.decode(record)).event();
                kafka.send(EventType.of(event).topic(), event.subject(), record, Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
            }
        }
        published = true;
    }

    private static void emptySchema() throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class)); Statement sql = db.createStatement()) {
            sql.execute("TRUNCATE reporting.processed_event, reporting.leg_fact, reporting.contact_fact, reporting.wrap_fact,"
                    + " reporting.agent_state, reporting.queue_config, reporting.tenant_config, reporting.customer_identity,"
                    + " reporting.customer_merge, reporting.interval_figures, reporting.agent_time, reporting.day_figures,"
                    + " reporting.agent_day_time");
        }
    }

    private static Map<FigureKey, Figures> only(Dimension dimension) {
        return only(Fixture.ACME_FIGURES, dimension);
    }

    private static Map<FigureKey, Figures> only(Map<FigureKey, Figures> all, Dimension dimension) {
        Map<FigureKey, Figures> result = new HashMap<>();
        all.forEach((k, v) -> {
            if (k.dimension() == dimension) {
                result.put(k, v);
            }
        });
        return result;
    }

    /** acme-bank's days (Europe/London) as the API reads them from the rollup. */
    private static Map<FigureKey, Figures> dayFigures(Dimension dimension) {
        List<Map<String, Object>> rows = as("sam").get("/api/reports/tenants/acme-bank/" + dimension.slug() + "s?granularity=day&" + DAY)
                .then().statusCode(200).extract().jsonPath().getList("rows");
        return figuresOf(dimension, rows);
    }

    private static Map<AgentInterval, AgentTimeFigures> agentDayTime() {
        return timeOf(as("sam").get("/api/reports/tenants/acme-bank/agents?granularity=day&" + DAY)
                .then().statusCode(200).extract().jsonPath().getList("rows"));
    }

    private static Map<FigureKey, Figures> byDay(Map<FigureKey, Figures> intervals) {
        Map<FigureKey, Figures> days = new HashMap<>();
        intervals.forEach((k, f) -> days.merge(new FigureKey(k.dimension(), k.key(), startOfDay(k.interval())), f, Figures::plus));
        return days;
    }

    private static Map<AgentInterval, AgentTimeFigures> byDayTime(Map<AgentInterval, AgentTimeFigures> intervals) {
        Map<AgentInterval, AgentTimeFigures> days = new HashMap<>();
        intervals.forEach((k, t) -> days.merge(new AgentInterval(k.agentId(), startOfDay(k.interval())), t, AgentTimeFigures::plus));
        return days;
    }

    private static Instant startOfDay(Instant instant) {
        ZoneId london = ZoneId.of("Europe/London");
        return instant.atZone(london).toLocalDate().atStartOfDay(london).toInstant();
    }

    /** The tenant's daily rollup rows as "day dimension key offered". */
    private static List<String> rollup(String tenant) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement query = db.prepareStatement("SELECT day || ' ' || dimension || ' ' || key || ' ' || offered"
                        + " FROM reporting.day_figures WHERE tenant_id = ? ORDER BY 1")) {
            query.setString(1, tenant);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    private static Map<FigureKey, Figures> intervalFigures(String user, String report) {
        return intervalFigures(user, Fixture.ACME, report);
    }

    private static Map<FigureKey, Figures> intervalFigures(String user, String tenant, String report) {
        List<Map<String, Object>> rows = as(user).get("/api/reports/tenants/" + tenant + "/" + report + "?granularity=interval&" + DAY)
                .then().statusCode(200).extract().jsonPath().getList("rows");
        Dimension dimension = Dimension.valueOf(report.substring(0, report.length() - 1).toUpperCase());
        return figuresOf(dimension, rows);
    }

    private static Map<AgentInterval, AgentTimeFigures> agentTime(String user) {
        return timeOf(as(user).get("/api/reports/tenants/acme-bank/agents?granularity=interval&" + DAY)
                .then().statusCode(200).extract().jsonPath().getList("rows"));
    }

    /** The rows with contact figures (agent rows with only time have none), as the fixture states them. */
    private static Map<FigureKey, Figures> figuresOf(Dimension dimension, List<Map<String, Object>> rows) {
        Map<FigureKey, Figures> result = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Figures f = new Figures(n(row, "offered"), n(row, "answered"), n(row, "abandoned"), n(row, "shortAbandoned"),
                    n(row, "answeredWithinThreshold"), ms(row, "answerWaitSeconds"), n(row, "handled"), ms(row, "talkSeconds"),
                    ms(row, "holdSeconds"), ms(row, "wrapUpSeconds"), n(row, "transfers"), n(row, "overflows"),
                    n(row, "fcrContacts"), n(row, "fcrResolved"), n(row, "surveys"), n(row, "csatSatisfied"), n(row, "csatScoreSum"));
            if (!f.equals(Figures.ZERO)) {
                result.put(new FigureKey(dimension, row.get(dimension.slug()).toString(), start(row)), f);
            }
        }
        return result;
    }

    private static Map<AgentInterval, AgentTimeFigures> timeOf(List<Map<String, Object>> rows) {
        Map<AgentInterval, AgentTimeFigures> result = new HashMap<>();
        for (Map<String, Object> row : rows) {
            AgentTimeFigures t = new AgentTimeFigures(ms(row, "loggedInSeconds"), ms(row, "availableSeconds"), ms(row, "busySeconds"),
                    ms(row, "availableIdleSeconds"));
            if (!t.isZero()) {
                result.put(new AgentInterval(row.get("agent").toString(), start(row)), t);
            }
        }
        return result;
    }

    private static Instant start(Map<String, Object> row) {
        return java.time.OffsetDateTime.parse(row.get("start").toString()).toInstant();
    }

    private static long n(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    private static long ms(Map<String, Object> row, String column) {
        Object value = row.get(column);
        double seconds = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString());
        return Math.round(seconds * 1000);
    }

    private static List<Map<String, Object>> parseCsv(String csv) {
        List<String> lines = csv.lines().filter(l -> !l.isEmpty()).toList();
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> parseXlsx(byte[] bytes) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(0);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row line = sheet.getRow(r);
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < header.getLastCellNum(); i++) {
                    Cell cell = line.getCell(i);
                    Object value = cell == null ? null : cell.getCellType() == CellType.NUMERIC ? (Object) cell.getNumericCellValue()
                            : cell.getStringCellValue();
                    row.put(header.getCell(i).getStringCellValue(), value);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }
}
