package io.switchboard.reporting.schedules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.reporting.Fixture;
import io.switchboard.reporting.domain.DeliveryLedger;
import io.switchboard.reporting.domain.ReportMailer;
import io.switchboard.reporting.domain.ReportRenderer;
import io.switchboard.reporting.domain.ReportSource;
import io.switchboard.reporting.domain.RetryPolicy;
import io.switchboard.reporting.domain.ScheduleBook;
import io.switchboard.reporting.domain.ScheduledReports;
import io.switchboard.reporting.persistence.ReportWriter;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Scheduled reports against real parts: the recorded day in a real PostgreSQL, schedules through the API with
 * real Keycloak tokens, GreenMail as the relay. The clock is set to the moments that matter; each delivery is
 * run by calling the service as the minute tick does, and what the relay received is read back: the XLSX with
 * POI, the PDF's text with PDFBox, both compared with the API's figures for the same period.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "reporting"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(GreenMailRelay.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledReportsServiceTest {

    private static final String BASE = "/api/reports/tenants/acme-bank/schedules/";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the other tenant of the fixture has and acme-bank has not. */
    private static final List<String> GLOBEX_KEYS = List.of("support", "dave");
    private static boolean applied;

    @Inject
    ReportWriter writer;
    @Inject
    SettableClock clock;
    @Inject
    ScheduledReports reports;
    @Inject
    ScheduleBook schedules;
    @Inject
    DeliveryLedger ledger;
    @Inject
    ReportSource source;
    @Inject
    ReportRenderer renderer;
    @Inject
    ReportMailer mailer;

    @BeforeEach
    void recordedDayAndNoSchedules() throws Exception {
        // Each test starts from no schedules, whatever an earlier one left behind.
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class)); Statement sql = db.createStatement()) {
            sql.execute("DELETE FROM reporting.report_schedule");
        }
        if (!applied) {
            writer.apply(Fixture.events()).await().atMost(Duration.ofSeconds(30));
            applied = true;
        }
        // Emptied, not restarted: only the relay test takes the relay down and brings it back.
        GreenMailRelay.greenMail().purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @Order(1)
    void aDailyXlsxGoesOutOnceAtItsLocalTimeWithTheApisFiguresOfThatDayAndNoOtherTenantsRows() throws Exception {
        String id = UUID.randomUUID().toString();
        clock.set(Instant.parse("2026-12-01T12:00:00Z"));
        as("sam").contentType(ContentType.JSON).body(schedule("DAILY", null, "07:00", List.of("queues", "agents", "channels"), "XLSX",
                List.of("ops@acme-client.example", "Finance@acme-client.example"))).put(BASE + id)
                .then().statusCode(201).body("id", equalTo(id)).body("frequency", equalTo("DAILY")).body("sendAt", equalTo("07:00"));

        // London is on UTC in December: not yet at 06:59, due at 07:00.
        clock.set(Instant.parse("2026-12-02T06:59:00Z"));
        assertThat(reports.runDue()).isZero();
        clock.set(Instant.parse("2026-12-02T07:00:30Z"));
        // Two instances tick at the same moment: one claims the delivery, the other finds nothing to send.
        assertThat(concurrently(reports, secondInstance())).isEqualTo(1);

        List<MimeMessage> received = List.of(relayed(2));
        // One copy per recipient at the relay, each addressed to both.
        assertThat(received).hasSize(2);
        for (MimeMessage copy : received) {
            assertThat(copy.getRecipients(Message.RecipientType.TO)).extracting(Address::toString)
                    .containsExactly("ops@acme-client.example", "Finance@acme-client.example");
        }
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).isEqualTo("Switchboard daily report for acme-bank: 2026-12-01 (Client pack)");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("reports@switchboard.local");
        BodyPart file = attachment(mail);
        assertThat(file.getContentType()).startsWith(XLSX);
        assertThat(file.getFileName()).isEqualTo("report-acme-bank-daily-2026-12-01.xlsx");

        Map<String, List<Map<String, Object>>> sheets = parseXlsx(file.getInputStream());
        assertThat(sheets.keySet()).containsExactly("queues", "agents", "channels");
        for (String view : sheets.keySet()) {
            List<Map<String, Object>> api = apiRows(view, "2026-12-01", "2026-12-02");
            assertThat(api).as(view).isNotEmpty();
            assertSameFigures(view, sheets.get(view), api);
            assertThat(sheets.get(view)).extracting(r -> r.get(view.substring(0, view.length() - 1))).doesNotContainAnyElementsOf(GLOBEX_KEYS);
        }
        // billing's day (docs/reporting.md): 6 offered, 3 answered; the figures are not just copied across empty.
        Map<String, Object> billing = sheets.get("queues").stream().filter(r -> "billing".equals(r.get("queue"))).findFirst().orElseThrow();
        assertThat(billing).containsEntry("offered", 6.0).containsEntry("answered", 3.0);

        // A rerun, a restart (a new instance) and the next minute send nothing more.
        assertThat(reports.runDue()).isZero();
        assertThat(secondInstance().runDue()).isZero();
        clock.set(Instant.parse("2026-12-02T07:01:30Z"));
        assertThat(reports.runDue()).isZero();
        assertThat(GreenMailRelay.greenMail().getReceivedMessages()).hasSize(2);

        as("sam").get(BASE + id + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].periodFrom", equalTo("2026-12-01")).body("[0].periodTo", equalTo("2026-12-01"))
                .body("[0].status", equalTo("SENT")).body("[0].attempts", equalTo(1))
                .body("[0].sentAt", equalTo("2026-12-02T07:00:30Z"));

        as("sam").delete(BASE + id).then().statusCode(204);
        as("sam").get(BASE + id).then().statusCode(404);
        as("sam").get(BASE + id + "/deliveries").then().statusCode(404);
    }

    @Test
    @Order(2)
    void aWeeklyPdfHasTheTenantPeriodAndZoneInItsTitleAndTheApisFiguresOfThatWeek() throws Exception {
        String id = UUID.randomUUID().toString();
        clock.set(Instant.parse("2026-12-02T08:00:00Z"));
        as("ada").contentType(ContentType.JSON).body(schedule("WEEKLY", "MONDAY", "06:30", List.of("agents", "queues"), "PDF",
                List.of("ops@acme-client.example"))).put(BASE + id).then().statusCode(201);

        // Monday 7 December, 06:30 London: the week of Monday 30 November to Sunday 6 December.
        clock.set(Instant.parse("2026-12-07T06:31:00Z"));
        assertThat(reports.runDue()).isEqualTo(1);

        MimeMessage mail = relayed(1)[0];
        assertThat(mail.getSubject()).isEqualTo("Switchboard weekly report for acme-bank: 2026-11-30 to 2026-12-06 (Client pack)");
        BodyPart file = attachment(mail);
        assertThat(file.getContentType()).startsWith("application/pdf");
        assertThat(file.getFileName()).isEqualTo("report-acme-bank-weekly-2026-11-30-2026-12-06.pdf");
        String text;
        try (PDDocument pdf = Loader.loadPDF(file.getInputStream().readAllBytes())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            text = stripper.getText(pdf);
        }
        assertThat(text).contains("Switchboard report: acme-bank").contains("Weekly report for 2026-11-30 to 2026-12-06")
                .contains("Europe/London");
        Map<String, List<Map<String, String>>> tables = parsePdfTables(text);
        assertThat(tables.keySet()).containsExactly("agent", "queue");
        for (String key : tables.keySet()) {
            List<Map<String, Object>> api = apiRows(key + "s", "2026-11-30", "2026-12-07");
            assertThat(api).as(key).isNotEmpty();
            List<Map<String, String>> expected = api.stream().map(ScheduledReportsServiceTest::asPdfText).toList();
            assertThat(tables.get(key)).as(key).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(tables.get(key)).extracting(r -> r.get(key)).doesNotContainAnyElementsOf(GLOBEX_KEYS);
        }
        as("ada").delete(BASE + id).then().statusCode(204);
    }

    @Test
    @Order(3)
    void aRelayThatIsDownIsRetriedWithBackoffThenRecordedAsFailedAndOneThatComesBackGetsTheReport() throws Exception {
        String id = UUID.randomUUID().toString();
        clock.set(Instant.parse("2026-12-08T08:00:00Z"));
        as("sam").contentType(ContentType.JSON).body(schedule("DAILY", null, "07:00", List.of("channels"), "XLSX",
                List.of("ops@acme-client.example"))).put(BASE + id).then().statusCode(201);

        GreenMailRelay.takeDown();
        try {
            // The test profile allows 3 attempts, 1 minute apart, then 2.
            clock.set(Instant.parse("2026-12-09T07:00:10Z"));
            assertThat(reports.runDue()).isEqualTo(1);
            as("sam").get(BASE + id + "/deliveries").then().statusCode(200)
                    .body("[0].status", equalTo("RETRYING")).body("[0].attempts", equalTo(1))
                    .body("[0].lastError", containsString("relay unavailable"))
                    .body("[0].nextAttemptAt", equalTo("2026-12-09T07:01:10Z"));
            assertThat(reports.runDue()).as("not before its backoff").isZero();
            clock.set(Instant.parse("2026-12-09T07:01:10Z"));
            assertThat(reports.runDue()).isEqualTo(1);
            as("sam").get(BASE + id + "/deliveries").then().body("[0].status", equalTo("RETRYING"))
                    .body("[0].attempts", equalTo(2)).body("[0].nextAttemptAt", equalTo("2026-12-09T07:03:10Z"));
            clock.set(Instant.parse("2026-12-09T07:03:10Z"));
            assertThat(reports.runDue()).isEqualTo(1);
            as("sam").get(BASE + id + "/deliveries").then().body("[0].status", equalTo("FAILED"))
                    .body("[0].attempts", equalTo(3)).body("[0].lastError", containsString("after 3 attempts"));
            clock.set(Instant.parse("2026-12-09T08:00:00Z"));
            assertThat(reports.runDue()).as("a failed delivery is not tried again").isZero();

            // The next day's first attempt fails too, and the relay is back for the second.
            clock.set(Instant.parse("2026-12-10T07:00:10Z"));
            assertThat(reports.runDue()).isEqualTo(1);
        } finally {
            GreenMailRelay.restart();
        }
        clock.set(Instant.parse("2026-12-10T07:01:10Z"));
        assertThat(reports.runDue()).isEqualTo(1);
        String deliveries = as("sam").get(BASE + id + "/deliveries").then().statusCode(200).extract().asString();
        assertThat(relayed(1)).as("the relay is back; the deliveries: %s", deliveries).hasSize(1);
        assertThat(relayed(1)[0].getSubject()).endsWith("2026-12-09 (Client pack)");
        as("sam").get(BASE + id + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].periodFrom", equalTo("2026-12-09")).body("[0].status", equalTo("SENT")).body("[0].attempts", equalTo(2))
                .body("[0].lastError", containsString("relay unavailable"))
                .body("[1].periodFrom", equalTo("2026-12-08")).body("[1].status", equalTo("FAILED"));
        as("sam").delete(BASE + id).then().statusCode(204);
    }

    @Test
    @Order(4)
    void periodsMissedWhileTheServiceWasDownAreCaughtUpOnceEach() {
        String id = UUID.randomUUID().toString();
        clock.set(Instant.parse("2026-12-10T08:00:00Z"));
        as("sam").contentType(ContentType.JSON).body(schedule("DAILY", null, "07:00", List.of("queues"), "XLSX",
                List.of("ops@acme-client.example"))).put(BASE + id).then().statusCode(201);

        // Down from before 11 December 07:00 until 13 December 09:00: the 10th, 11th and 12th are owed.
        clock.set(Instant.parse("2026-12-13T09:00:00Z"));
        assertThat(reports.runDue()).isEqualTo(3);
        assertThat(relayed(3)).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("Switchboard daily report for acme-bank: 2026-12-10 (Client pack)",
                        "Switchboard daily report for acme-bank: 2026-12-11 (Client pack)", "Switchboard daily report for acme-bank: 2026-12-12 (Client pack)");
        assertThat(reports.runDue()).isZero();
        assertThat(secondInstance().runDue()).isZero();
        as("sam").get(BASE + id + "/deliveries").then().body("size()", equalTo(3)).body("status", org.hamcrest.Matchers.everyItem(equalTo("SENT")));
        as("sam").delete(BASE + id).then().statusCode(204);
    }

    @Test
    @Order(5)
    void schedulesAreTheTenantsOwnAndBadOnesAreRefusedFieldByField() {
        String id = UUID.randomUUID().toString();
        as("sam").contentType(ContentType.JSON).body(schedule("MONTHLY", null, "06:00", List.of("channels"), "pdf",
                List.of("board@acme-client.example"))).put(BASE + id).then().statusCode(201);
        as("sam").contentType(ContentType.JSON).body(schedule("MONTHLY", null, "06:15", List.of("channels", "queues"), "PDF",
                List.of("board@acme-client.example"))).put(BASE + id).then().statusCode(200).body("sendAt", equalTo("06:15"));
        as("sam").get(BASE).then().statusCode(200).body("id", hasItem(id)).body("find { it.id == '" + id + "' }.views",
                equalTo(List.of("channels", "queues")));
        as("sam").get(BASE + id).then().statusCode(200).body("format", equalTo("PDF")).body("weekday", org.hamcrest.Matchers.nullValue());

        // Another tenant's supervisor, an agent, nobody.
        as("gina").get(BASE).then().statusCode(403).body("detail", containsString("acme-bank"));
        as("gina").delete(BASE + id).then().statusCode(403);
        as("alice").get(BASE).then().statusCode(403);
        given().get(BASE).then().statusCode(401);
        // Nor can another tenant take the id over through its own path.
        as("gina").contentType(ContentType.JSON).body(schedule("DAILY", null, "07:00", List.of("queues"), "XLSX",
                List.of("x@globex.example"))).put("/api/reports/tenants/globex-travel/schedules/" + id).then().statusCode(409);
        as("gina").get("/api/reports/tenants/globex-travel/schedules/" + id).then().statusCode(404);
        as("sam").get(BASE + id).then().statusCode(200).body("recipients", equalTo(List.of("board@acme-client.example")));

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add("c" + i + "@acme-client.example");
        }
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("frequency", "WEEKLY");
        bad.put("sendAt", "25:00");
        bad.put("views", List.of("queues", "wallboard", "queues"));
        bad.put("granularity", "interval");
        bad.put("format", "docx");
        bad.put("recipients", List.of("ops@acme-client.example", "not an address", "Ops <ops@x.example>", "OPS@acme-client.example"));
        var problem = as("sam").contentType(ContentType.JSON).body(bad).put(BASE + UUID.randomUUID()).then().statusCode(400)
                .extract().jsonPath();
        Map<String, String> violations = new HashMap<>();
        List<Map<String, String>> list = problem.getList("violations");
        list.forEach(v -> violations.put(v.get("field"), v.get("message")));
        assertThat(violations).containsOnlyKeys("weekday", "sendAt", "views[1]", "views[2]", "granularity", "format",
                "recipients[1]", "recipients[2]", "recipients[3]");
        assertThat(violations.get("weekday")).contains("is required");
        assertThat(violations.get("sendAt")).contains("hh:mm");
        assertThat(violations.get("views[2]")).contains("twice");
        assertThat(violations.get("granularity")).contains("daily");
        assertThat(violations.get("recipients[3]")).contains("twice");
        as("sam").contentType(ContentType.JSON).body(schedule("DAILY", "MONDAY", "07:00", List.of("queues"), "XLSX", tooMany))
                .put(BASE + UUID.randomUUID()).then().statusCode(400)
                .body("violations.field", equalTo(List.of("weekday", "recipients")))
                .body("violations[1].message", containsString("at most 20"));
        as("sam").contentType(ContentType.JSON).body(Map.of()).put(BASE + "not-a-uuid").then().statusCode(400)
                .body("detail", containsString("UUID"));
        as("sam").get(BASE + id + "/deliveries?limit=0").then().statusCode(400);
        as("sam").delete(BASE + id).then().statusCode(204);
        as("sam").delete(BASE + id).then().statusCode(404);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private ScheduledReports secondInstance() {
        return new ScheduledReports(schedules, ledger, source, renderer, mailer, new RetryPolicy(3, Duration.ofMinutes(1),
                Duration.ofMinutes(30)), Duration.ofDays(31), Duration.ofMinutes(10), "second-instance", clock);
    }

    /** Runs each instance's tick at once from its own thread; the deliveries attempted in all. */
    private static int concurrently(ScheduledReports... instances) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(instances.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (ScheduledReports instance : instances) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return instance.runDue();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get();
            }
            return total;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Map<String, Object> schedule(String frequency, String weekday, String sendAt, List<String> views, String format,
            List<String> recipients) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Client pack");
        body.put("frequency", frequency);
        if (weekday != null) {
            body.put("weekday", weekday);
        }
        body.put("sendAt", sendAt);
        body.put("views", views);
        body.put("format", format);
        body.put("recipients", recipients);
        return body;
    }

    /** The API's rows by day, numbers read exactly (REST Assured's JSON path reads them as floats). */
    private static List<Map<String, Object>> apiRows(String view, String from, String to) throws IOException {
        String body = as("sam").get("/api/reports/tenants/acme-bank/" + view + "?granularity=day&from=" + from + "&to=" + to)
                .then().statusCode(200).extract().asString();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : JSON.readTree(body).get("rows")) {
            Map<String, Object> values = new LinkedHashMap<>();
            row.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? null
                    : e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
            rows.add(values);
        }
        return rows;
    }

    private static void assertSameFigures(String view, List<Map<String, Object>> sheet, List<Map<String, Object>> api) {
        assertThat(sheet).as(view).hasSameSizeAs(api);
        for (int i = 0; i < api.size(); i++) {
            Map<String, Object> expected = api.get(i);
            Map<String, Object> actual = sheet.get(i);
            assertThat(actual.keySet()).as(view).containsExactlyElementsOf(expected.keySet());
            expected.forEach((column, value) -> {
                Object cell = actual.get(column);
                if (value instanceof Number number) {
                    assertThat(((Number) cell).doubleValue()).as("%s %s", view, column).isEqualTo(number.doubleValue());
                } else {
                    assertThat(cell).as("%s %s", view, column).isEqualTo(value);
                }
            });
        }
    }

    /** An API row as the PDF prints it: decimals to 3 places, an empty rate as '-'. */
    private static Map<String, String> asPdfText(Map<String, Object> row) {
        Map<String, String> text = new LinkedHashMap<>();
        row.forEach((column, value) -> text.put(column, value == null ? "-"
                : value instanceof Double || value instanceof Float || value instanceof BigDecimal
                        ? new BigDecimal(value.toString()).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                        : value.toString()));
        return text;
    }

    /**
     * The PDF's tables by key column (queue, agent, channel): each part's header line starts with "start", the
     * lines under it with as many cells are its rows; the parts of one row are joined by its start and key.
     */
    private static Map<String, List<Map<String, String>>> parsePdfTables(String text) {
        Map<String, Map<List<String>, Map<String, String>>> tables = new LinkedHashMap<>();
        String[] header = null;
        for (String line : text.split("\\R")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length > 2 && cells[0].equals("start")) {
                header = cells;
                continue;
            }
            if (header == null || cells.length != header.length || !cells[0].matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                continue;
            }
            Map<String, String> row = tables.computeIfAbsent(header[1], k -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(cells[0], cells[1]), k -> new LinkedHashMap<>());
            for (int i = 0; i < cells.length; i++) {
                row.put(header[i], cells[i]);
            }
        }
        Map<String, List<Map<String, String>>> result = new LinkedHashMap<>();
        tables.forEach((key, rows) -> result.put(key, new ArrayList<>(rows.values())));
        return result;
    }

    private static BodyPart attachment(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                return part;
            }
        }
        throw new AssertionError("no attachment in " + mail.getSubject());
    }

    private static Map<String, List<Map<String, Object>>> parseXlsx(InputStream in) throws IOException {
        Map<String, List<Map<String, Object>>> sheets = new LinkedHashMap<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(in.readAllBytes()))) {
            for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                Sheet sheet = workbook.getSheetAt(s);
                Row header = sheet.getRow(0);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    Row line = sheet.getRow(r);
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < header.getLastCellNum(); i++) {
                        Cell cell = line.getCell(i);
                        row.put(header.getCell(i).getStringCellValue(), cell == null || cell.getCellType() == CellType.BLANK ? null
                                : cell.getCellType() == CellType.NUMERIC ? (Object) cell.getNumericCellValue() : cell.getStringCellValue());
                    }
                    rows.add(row);
                }
                sheets.put(sheet.getSheetName(), rows);
            }
        }
        return sheets;
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    /** What the relay holds once it holds {@code count} messages: its store may lag the sender's 250 by a moment. */
    private static MimeMessage[] relayed(int count) {
        GreenMailRelay.greenMail().waitForIncomingEmail(10_000, count);
        return GreenMailRelay.greenMail().getReceivedMessages();
    }
}
