package io.switchboard.campaigns;

import static io.switchboard.campaigns.CampaignsTestSupport.as;
import static io.switchboard.campaigns.CampaignsTestSupport.campaign;
import static io.switchboard.campaigns.CampaignsTestSupport.create;
import static io.switchboard.campaigns.CampaignsTestSupport.list;
import static io.switchboard.campaigns.CampaignsTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/** The API's validation: every wrong field at once, lists rejected by line, overlapping campaigns, nothing half-written. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "campaignsapi"))
@WithTestResource(KeycloakResource.class)
class CampaignApiTest {

    private static final String CAMPAIGNS = "/api/campaigns/tenants/acme-bank/campaigns";

    @Inject
    Directory directory;

    @BeforeEach
    void setUp() {
        CampaignsTestSupport.configure(directory);
    }

    @Test
    void everyWrongFieldIsReportedAtOnceAndNothingIsWritten() {
        long before = scalar("SELECT count(*) FROM campaign");
        Map<String, Object> body = Map.of("name", "", "queueId", "nope", "callerId", "+442079460999", "mode", "TURBO",
                "window", Map.of("from", "21:00", "until", "08:00"), "abandonCapPercent", 12.5, "ringSeconds", 2,
                "abandonGraceSeconds", 30, "retries", Map.of("BUSY", Map.of("attempts", 0), "CONNECTED", Map.of("attempts", 1)),
                "surveyPrompts", List.of("q1-satisfaction"));
        JsonPath problem = as("sam").contentType(ContentType.JSON).body(body).post(CAMPAIGNS).then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        Map<String, String> violations = new java.util.HashMap<>();
        problem.getList("violations", Map.class).forEach(v -> violations.put((String) v.get("field"), (String) v.get("message")));
        assertThat(violations).containsKeys("name", "queueId", "callerId", "mode", "window", "abandonCapPercent", "ringSeconds",
                "abandonGraceSeconds", "retries.BUSY.attempts", "retries.CONNECTED", "surveyPrompts");
        assertThat(violations.get("queueId")).contains("nope");
        assertThat(violations.get("window")).contains("never opens");
        assertThat(scalar("SELECT count(*) FROM campaign")).isEqualTo(before);
    }

    @Test
    void aWindowWithNoDayNeverOpensAndACapOfZeroIsRefused() {
        as("sam").contentType(ContentType.JSON).body(campaign("closed", Map.of("window", Map.of("days", List.of()), "abandonCapPercent", 0)))
                .post(CAMPAIGNS).then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("window.days", "abandonCapPercent"));
    }

    @Test
    void surveyAndCollectionsCampaignsCheckWhatTheyNeed() {
        as("sam").contentType(ContentType.JSON).body(campaign("survey", Map.of("kind", "SURVEY", "surveyPrompts", List.of("nope"))))
                .post(CAMPAIGNS).then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("surveyPrompts[0]"));
        as("sam").contentType(ContentType.JSON).body(campaign("survey", Map.of("kind", "SURVEY", "mode", "PREVIEW", "surveyPrompts",
                List.of("welcome")))).post(CAMPAIGNS).then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("mode"));
        as("sam").contentType(ContentType.JSON).body(campaign("debts", Map.of("kind", "COLLECTIONS", "queueId", "support")))
                .post(CAMPAIGNS).then().statusCode(400).body("violations[0].message", containsString("PROMISE_TO_PAY"));
        String debts = create(campaign("debts", Map.of("kind", "COLLECTIONS")));
        as("sam").contentType("text/csv").body("phone,name\n+447911120001,Ann\n").put(CAMPAIGNS + "/" + debts + "/list")
                .then().statusCode(400).body("detail", containsString("amount_due"));
        as("sam").contentType("text/csv").body("phone,amount_due\n+447911120001,12.5\n+447911120002,lots\n")
                .put(CAMPAIGNS + "/" + debts + "/list").then().statusCode(200).body("accepted", equalTo(1))
                .body("rejected[0].line", equalTo(3)).body("rejected[0].reason", containsString("lots"));
    }

    @Test
    void aListReportsItsBadRowsByLineAndKeepsTheRest() {
        String id = create(campaign("lines", Map.of()));
        String csv = "Phone,name\n"
                + "07911 120101,Ann\n"         // line 2: a national number in the tenant's region
                + "12345,Ben\n"                // line 3: in no region
                + ",Cy\n"                      // line 4: no number
                + "+447911120101,Dup\n"        // line 5: a repeat of line 2
                + "+999 1234 5678,Eve\n"       // line 6: no such country code
                + "+447911120103,Fay,extra\n"  // line 7: too many columns
                + "+33612345678,Gil\n";        // line 8: a French mobile
        JsonPath answer = as("sam").contentType("text/csv").body(csv).put(CAMPAIGNS + "/" + id + "/list").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getInt("accepted")).isEqualTo(2);
        assertThat(answer.getList("rejected.line", Integer.class)).containsExactly(3, 4, 5, 6, 7);
        assertThat(answer.getString("rejected[2].reason")).contains("already on the list");
        List<Map<String, Object>> records = as("sam").get(CAMPAIGNS + "/" + id + "/records").then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertThat(records).extracting(r -> r.get("phone")).containsExactly("+447911120101", "+33612345678");

        as("sam").contentType("text/csv").body("name\nAnn\n").put(CAMPAIGNS + "/" + id + "/list").then().statusCode(400)
                .body("detail", containsString("phone"));

        JsonPath added = as("sam").contentType(ContentType.JSON).body(List.of(Map.of("phone", "+447911120104", "fields", Map.of("name", "Hal")),
                Map.of("phone", "+447911120101"), Map.of("phone", "not a number"), Map.of("fields", Map.of())))
                .post(CAMPAIGNS + "/" + id + "/records").then().statusCode(200).extract().jsonPath();
        assertThat(added.getInt("accepted")).isEqualTo(1);
        assertThat(added.getList("rejected.line", Integer.class)).containsExactly(2, 3, 4);
    }

    @Test
    void aNumberOnAnotherRunningCampaignStopsTheStartUnlessAllowed() {
        String first = create(campaign("first", Map.of()));
        list(first, "phone\n+447911130001\n+447911130002\n+447911130003\n");
        as("sam").post(CAMPAIGNS + "/" + first + "/start").then().statusCode(200).body("state", equalTo("RUNNING"));
        String second = create(campaign("second", Map.of()));
        as("sam").contentType("text/csv").body("phone\n+447911130002\n+447911130003\n+447911130009\n").put(CAMPAIGNS + "/" + second + "/list")
                .then().statusCode(200).body("overlaps[0].name", equalTo("first")).body("overlaps[0].numbers", equalTo(2));
        as("sam").post(CAMPAIGNS + "/" + second + "/start").then().statusCode(409)
                .body("detail", containsString("2 numbers")).body("detail", containsString("'first'"));
        as("sam").post(CAMPAIGNS + "/" + second + "/start?allowOverlap=true").then().statusCode(200).body("state", equalTo("RUNNING"));
        as("sam").post(CAMPAIGNS + "/" + first + "/stop").then().statusCode(200);
        as("sam").post(CAMPAIGNS + "/" + second + "/stop").then().statusCode(200);
    }

    @Test
    void statesMoveOnlyTheWaysTheyMay() {
        String id = create(campaign("states", Map.of()));
        as("sam").post(CAMPAIGNS + "/" + id + "/start").then().statusCode(409).body("detail", containsString("no records"));
        list(id, "phone\n+447911140001\n");
        as("sam").post(CAMPAIGNS + "/" + id + "/pause").then().statusCode(409);
        as("sam").post(CAMPAIGNS + "/" + id + "/start").then().statusCode(200);
        as("sam").contentType(ContentType.JSON).body(campaign("renamed", Map.of())).put(CAMPAIGNS + "/" + id).then().statusCode(409);
        as("sam").post(CAMPAIGNS + "/" + id + "/pause").then().statusCode(200).body("state", equalTo("PAUSED"));
        as("sam").contentType(ContentType.JSON).body(campaign("renamed", Map.of("mode", "PREDICTIVE"))).put(CAMPAIGNS + "/" + id)
                .then().statusCode(200).body("name", equalTo("renamed")).body("mode", equalTo("PREDICTIVE"));
        as("sam").post(CAMPAIGNS + "/" + id + "/stop").then().statusCode(200).body("state", equalTo("STOPPED"));
        as("sam").post(CAMPAIGNS + "/" + id + "/start").then().statusCode(409);
        as("sam").get(CAMPAIGNS + "/" + java.util.UUID.randomUUID()).then().statusCode(404);
        as("sam").get(CAMPAIGNS + "/not-a-uuid").then().statusCode(400);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        String id = create(Map.of("name", "defaults", "queueId", "sales", "callerId", "020 7946 0000"));
        as("alice").get(CAMPAIGNS + "/" + id).then().statusCode(200).body("kind", equalTo("AGENT")).body("mode", equalTo("PROGRESSIVE"))
                .body("callerId", equalTo("+442079460000")).body("window.from", equalTo("08:00")).body("window.until", equalTo("21:00"))
                .body("window.days.size()", equalTo(7)).body("abandonCapPercent", equalTo(3.0f)).body("ringSeconds", equalTo(25))
                .body("abandonGraceSeconds", equalTo(2)).body("maxAttemptsPerDay", equalTo(3)).body("retries.BUSY.attempts", equalTo(3))
                .body("retries.BUSY.delaySeconds", equalTo(600)).body("retries.NO_ANSWER.delaySeconds", equalTo(7200))
                .body("retries.MACHINE.attempts", equalTo(2)).body("retries.ABANDONED.delaySeconds", equalTo(900))
                .body("state", equalTo("DRAFT")).body("progress.records", equalTo(0));
    }

    @Test
    void doNotCallEntriesComeAndGo() {
        String path = "/api/campaigns/tenants/acme-bank/do-not-call/";
        as("sam").put(path + "07911150001").then().statusCode(201).body("number", equalTo("+447911150001"));
        as("sam").put(path + "+447911150001").then().statusCode(200);
        as("sam").get(path + "+447911150001").then().statusCode(200).body("addedBy", equalTo("sam")).body("optedOut", equalTo(true));
        as("sam").put(path + "123").then().statusCode(400).body("violations[0].field", equalTo("number"));
        as("sam").contentType("text/csv").body("phone\n+447911150002\nbad\n").post("/api/campaigns/tenants/acme-bank/do-not-call")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected[0].line", equalTo(3));
        as("sam").get("/api/campaigns/tenants/acme-bank/do-not-call").then().statusCode(200)
                .body("number", org.hamcrest.Matchers.hasItems("+447911150001", "+447911150002"));
        as("sam").delete(path + "+447911150001").then().statusCode(204);
        as("sam").delete(path + "+447911150001").then().statusCode(404);
        as("sam").get(path + "+447911150001").then().statusCode(404);
    }
}
