package io.switchboard.desktop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CallControlRequested;
import io.switchboard.events.CallDialRequested;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactMessageStatusChanged;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactTyping;
import io.switchboard.events.Direction;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.TransferRequested;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.AddressKind;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;
import io.switchboard.testing.websocket.JsonSocketClient;

/**
 * The agent desktop against real parts: Kafka, PostgreSQL, Keycloak tokens of the demo users and
 * WebSocket clients. Routing is played by this test (it publishes what routing would), so every
 * step of an offer is under its control. Each test uses its own contacts.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "desktop"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(ChannelStubResource.class)
@WithTestResource(SignInResource.class)
class AgentDesktopServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final URI SOURCE = URI.create("/tests/agent-desktop");
    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ACME_MAIN_NUMBER = "+442079460000";
    private static final String ACME_LOANS_NUMBER = "+442079460001";
    private static final String CUSTOMER_NUMBER = "+447400123456";

    @TestHTTPResource("/")
    URI base;

    private KafkaTestClient kafka;
    private final List<JsonSocketClient> sockets = new ArrayList<>();

    @BeforeEach
    void configure() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        // acme-bank can be called from its two voice numbers; globex-travel has no voice number.
        publish(tenant("acme-bank", "GB", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, ACME_MAIN_NUMBER, "billing"),
                new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"),
                new TenantConfigured.EntryPoint(Channel.VOICE, ACME_LOANS_NUMBER, "general"))));
        publish(tenant("globex-travel", "ES", List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-globex", "bookings"))));
        publish(queue("acme-bank", "billing", "Billing"));
        publish(queue("acme-bank", "general", "General"));
        publish(queue("globex-travel", "bookings", "Bookings"));
        publish(agent("alice", "Alice Adams", List.of("acme-bank")));
        publish(agent("bob", "Bob Brown", List.of("acme-bank")));
        publish(agent("dave", "Dave Diaz", List.of("globex-travel")));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/directory").then().statusCode(200)
                .body("queues.id", hasItem("general")).body("agents.id", hasItem("bob"))
                .body("callerIds.number", hasItem(ACME_MAIN_NUMBER)));
    }

    @AfterEach
    void close() {
        sockets.forEach(JsonSocketClient::close);
        kafka.close();
    }

    // ------------------------------------------------------------------ security

    @Test
    void everyEndpointNeedsAValidTokenExceptTheSignInSettings() {
        for (String path : List.of("/api/me", "/api/contacts", "/api/contacts/x", "/api/directory", "/api/contacts/x/customer",
                "/api/contacts/x/reply-policy", "/api/wrapups", "/api/contacts/x/canned-responses",
                "/api/supervisor/queues", "/api/supervisor/agents", "/api/supervisor/contacts",
                "/api/reports/tenants/acme-bank/queues", "/api/qa/evaluations", "/api/qa/evaluations/mine",
                "/api/qa/tenants/acme-bank/scorecard", "/api/qa/tenants/acme-bank/queues/billing/policy",
                "/api/campaigns/tenants/acme-bank/campaigns", "/api/fax/faxes/x", "/api/fax/faxes/x/document", "/api/fax/faxes/x/thumbnail")) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2("not-a-token").get(path).then().statusCode(401);
        }
        for (String path : List.of("/api/contacts/x/accept", "/api/contacts/x/replies", "/api/contacts/x/notes", "/api/contacts/x/transfer",
                "/api/contacts/x/wrap-up", "/api/contacts/x/read", "/api/calls", "/api/contacts/x/end", "/api/contacts/x/wrapup",
                "/api/contacts/x/monitor", "/api/campaigns/tenants/acme-bank/campaigns/x/start")) {
            given().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body("{\"state\":\"AVAILABLE\"}").put("/api/me/presence").then().statusCode(401);
        given().get("/api/config").then().statusCode(200).body("clientId", equalTo("switchboard-desktop"));
        given().get("/").then().statusCode(200);
    }

    @Test
    void theInboxPageMayCallOnlyItselfAndKeycloakAndIsNeverFramed() {
        String keycloak = ConfigProvider.getConfig().getValue("switchboard.desktop.keycloak-url", String.class);
        for (String path : List.of("/", "/api/config")) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("connect-src 'self' " + keycloak + ";"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
    }

    @Test
    void supervisorViewsAreForSupervisorsAndShowOnlyTheirTenants() {
        for (String path : List.of("/api/supervisor/queues", "/api/supervisor/agents", "/api/supervisor/contacts")) {
            as("alice").get(path).then().statusCode(403);
        }
        publish(new QueueStatsReported(UUID.randomUUID(), "acme-bank", Instant.now(), "billing", 3, 42L, 1,
                LocalDate.now(), 10, 7, 6, 1, 0.75, 20, 80));
        await().atMost(WAIT).untilAsserted(() -> as("sam").get("/api/supervisor/queues").then().statusCode(200)
                .body("find { it.queueId == 'billing' }.waiting", equalTo(3)));
        as("sam").get("/api/supervisor/queues").then().body("queueId", not(hasItem("bookings")));
        as("gina").get("/api/supervisor/queues").then().statusCode(200)
                .body("queueId", hasItem("bookings")).body("queueId", not(hasItem("billing")));
        as("sam").get("/api/supervisor/agents").then().statusCode(200)
                .body("agentId", hasItem("alice")).body("agentId", not(hasItem("dave")));
    }

    @Test
    void reportsAreReadFromTheReportingServiceWithTheSupervisorsOwnTokenAndPassedOnAsTheyCame() {
        var stub = ChannelStubResource.server();
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/reporting/api/reports/tenants/acme-bank/queues"))
                .withQueryParam("from", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2026-12-01"))
                .withQueryParam("granularity", com.github.tomakehurst.wiremock.client.WireMock.equalTo("day"))
                .withHeader("Accept", com.github.tomakehurst.wiremock.client.WireMock.equalTo("text/csv"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/csv")
                        .withHeader("Content-Disposition", "attachment; filename=\"acme-bank-queues.csv\"")
                        .withBody("period,queue,offered\n2026-12-01,billing,12\n")));
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/reporting/api/reports/tenants/globex-travel/queues"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":403,\"detail\":\"not one of your tenants: globex-travel\"}")));

        as("sam").accept("text/csv").get("/api/reports/tenants/acme-bank/queues?from=2026-12-01&to=2026-12-02&granularity=day")
                .then().statusCode(200).contentType("text/csv").header("Content-Disposition", containsString("acme-bank-queues.csv"))
                .body(equalTo("period,queue,offered\n2026-12-01,billing,12\n"));
        stub.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
                                "/reporting/api/reports/tenants/acme-bank/queues?from=2026-12-01&to=2026-12-02&granularity=day"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer ey.+")));
        // Reporting's own refusal reaches the page as it was; the desktop adds no authority of its own.
        as("sam").get("/api/reports/tenants/globex-travel/queues").then().statusCode(403)
                .body("detail", containsString("not one of your tenants"));
        as("alice").get("/api/reports/tenants/acme-bank/queues").then().statusCode(403);
        as("sam").get("/api/reports/tenants/acme-bank/secrets").then().statusCode(404);
        as("sam").get("/api/reports/tenants/Acme..Bank/queues").then().statusCode(400);
    }

    @Test
    void scheduledReportsAreKeptByTheReportingServiceAndEditedThroughTheDesktop() {
        var stub = ChannelStubResource.server();
        String id = UUID.randomUUID().toString();
        String path = "/reporting/api/reports/tenants/acme-bank/schedules";
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path + "/" + id))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer ey.+"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.recipients[0]",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("client@acme.example")))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + id + "\",\"frequency\":\"DAILY\"}")));
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        path + "/" + id + "/deliveries"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("[{\"status\":\"SENT\"}]")));
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        path + "/" + id))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));

        as("sam").contentType(ContentType.JSON).body(Map.of("name", "Daily", "frequency", "DAILY", "sendAt", "07:00",
                        "views", List.of("queues"), "format", "XLSX", "recipients", List.of("client@acme.example")))
                .put("/api/reports/tenants/acme-bank/schedules/" + id).then().statusCode(201).body("frequency", equalTo("DAILY"));
        as("sam").get("/api/reports/tenants/acme-bank/schedules/" + id + "/deliveries?limit=5").then().statusCode(200)
                .body("[0].status", equalTo("SENT"));
        stub.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path + "/" + id + "/deliveries?limit=5")));
        as("sam").delete("/api/reports/tenants/acme-bank/schedules/" + id).then().statusCode(204);
        as("alice").get("/api/reports/tenants/acme-bank/schedules").then().statusCode(403);
        given().get("/api/reports/tenants/acme-bank/schedules").then().statusCode(401);
    }

    @Test
    void aCampaignCallShowsItsRecordAndAFaxItsDocumentAndBothAreReadThroughTheDesktopWithTheUsersToken() {
        String call = UUID.randomUUID().toString();
        publish(new ContactCreated(UUID.randomUUID(), "acme-bank", Instant.now(), call, Channel.VOICE, Direction.OUTBOUND, "+442079460000",
                Address.phone("+447400123456", null), Address.phone("+442079460000", null), Map.of(), null, null, List.of(), null, 0,
                Map.of("campaignId", "renewals", "recordId", "r-7", "record.name", "Ada Lovelace", "record.balance", "120.50",
                        "queueId", "billing")));
        String offerId = offer(call, "alice", Channel.VOICE);
        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), call, Channel.VOICE, "billing", "alice", offerId));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/contacts/" + call).then().statusCode(200)
                .body("details.campaignId", equalTo("renewals")).body("details.recordId", equalTo("r-7"))
                .body("details.record.name", equalTo("Ada Lovelace")).body("details.record.balance", equalTo("120.50"))
                .body("details.faxId", nullValue()));
        hangUpCallsOf("alice");
        String chat = assignedChat("alice");
        as("alice").get("/api/contacts/" + chat).then().statusCode(200).body("details", nullValue());

        var stub = ChannelStubResource.server();
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/campaigns/api/campaigns/tenants/acme-bank/campaigns/renewals/list"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer ey.+"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("text/csv"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalTo("phone,name\n07700900123,Ada\n"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{\"imported\":1,\"rejected\":[]}")));
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/campaigns/api/campaigns/tenants/acme-bank/campaigns/renewals/start"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":403,\"detail\":\"supervisors only\"}")));
        as("sam").contentType("text/csv").body("phone,name\n07700900123,Ada\n")
                .put("/api/campaigns/tenants/acme-bank/campaigns/renewals/list").then().statusCode(200).body("imported", equalTo(1));
        // The campaign service's refusal reaches the page as it was: the desktop adds no authority of its own.
        as("alice").post("/api/campaigns/tenants/acme-bank/campaigns/renewals/start").then().statusCode(403)
                .body("detail", equalTo("supervisors only"));
        as("sam").get("/api/campaigns/tenants/Acme..Bank/campaigns").then().statusCode(400);
        as("sam").urlEncodingEnabled(false).get("/api/campaigns/tenants/acme-bank/campaigns/%2e%2e/secrets").then().statusCode(400);
        given().get("/api/campaigns/tenants/acme-bank/campaigns").then().statusCode(401);

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        stub.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/fax/api/fax/faxes/f-1/thumbnail"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer ey.+"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "image/png").withBody(png)));
        org.assertj.core.api.Assertions.assertThat(as("alice").get("/api/fax/faxes/f-1/thumbnail").then().statusCode(200)
                .contentType("image/png").extract().asByteArray()).isEqualTo(png);
        given().get("/api/fax/faxes/f-1/document").then().statusCode(401);
    }

    @Test
    void aSupervisorWatchesAChatSilentlyAndNotesReachTheAgentButNeverTheCustomer() {
        JsonSocketClient alice = signedIn("alice");
        JsonSocketClient sam = signedIn("sam");
        String contactId = assignedChat("alice");
        alice.await(f -> "contact".equals(f.path("type").asText()) && "ASSIGNED".equals(f.at("/contact/status").asText()));

        // The silent join: the supervisor reads the live thread; nothing is published, nobody is told.
        as("sam").get("/api/contacts/" + contactId).then().statusCode(200)
                .body("messages[0].text", equalTo("I was charged twice")).body("notes", empty());
        String note = "Offer the goodwill credit " + UUID.randomUUID();
        as("sam").contentType(ContentType.JSON).body(Map.of("text", note)).post("/api/contacts/" + contactId + "/notes")
                .then().statusCode(201).body("toAgentId", equalTo("alice")).body("authorId", equalTo("sam"));
        alice.await(f -> "note".equals(f.path("type").asText()) && note.equals(f.at("/note/text").asText()));
        sam.await(f -> "note".equals(f.path("type").asText()) && contactId.equals(f.path("contactId").asText()));
        as("alice").get("/api/contacts/" + contactId).then().statusCode(200).body("notes[0].text", equalTo(note));

        // The customer's rating after the contact shows in the thread; the first one counts.
        publish(new io.switchboard.events.ContactSurveyAnswered(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, 4,
                "Quick and kind"));
        publish(new io.switchboard.events.ContactSurveyAnswered(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, 1,
                null));
        await().atMost(WAIT).untilAsserted(() -> as("sam").get("/api/contacts/" + contactId).then()
                .body("survey.score", equalTo(4)).body("survey.comment", equalTo("Quick and kind")));

        // Only supervisors of the tenant write notes, only on what they may see, and never empty ones.
        as("alice").contentType(ContentType.JSON).body(Map.of("text", "hi")).post("/api/contacts/" + contactId + "/notes")
                .then().statusCode(403);
        as("gina").contentType(ContentType.JSON).body(Map.of("text", "hi")).post("/api/contacts/" + contactId + "/notes")
                .then().statusCode(404);
        as("sam").contentType(ContentType.JSON).body(Map.of("text", "  ")).post("/api/contacts/" + contactId + "/notes")
                .then().statusCode(400);
        as("bob").get("/api/contacts/" + contactId).then().statusCode(404);

        // Neither the chat's outbound topic nor the contacts topic carries the note: what the agent does next
        // (a reply, typing) is the first record for this contact after it on each.
        String reply = "Here is a goodwill credit.";
        as("alice").contentType(ContentType.JSON).body(Map.of("text", reply)).post("/api/contacts/" + contactId + "/replies")
                .then().statusCode(202);
        as("alice").post("/api/contacts/" + contactId + "/typing").then().statusCode(204);
        for (String topic : List.of(Topics.outbound(Channel.CHAT), Topics.CONTACTS)) {
            var first = kafka.await(topic, r -> contactId.equals(r.key()) && (text(r).contains(note) || text(r).contains(reply)
                    || text(r).contains("contact.typing")), 1, WAIT);
            assertThat(text(first.get(0))).as(topic).doesNotContain(note);
        }
    }

    @Test
    void aSampledContactIsScoredByASupervisorAgainstTheScorecardAndItsAgentSeesTheResult() {
        publish(queue("acme-bank", "qa-desk", "QA desk"));
        Map<String, Object> everyContact = Map.of("share", 1.0, "minimumPerAgentPerWeek", 0);
        await().atMost(WAIT).untilAsserted(() -> as("sam").contentType(ContentType.JSON).body(everyContact)
                .put("/api/qa/tenants/acme-bank/queues/qa-desk/policy").then().statusCode(200).body("share", equalTo(1.0f)));
        as("gina").contentType(ContentType.JSON).body(everyContact).put("/api/qa/tenants/acme-bank/queues/qa-desk/policy")
                .then().statusCode(404);
        as("alice").contentType(ContentType.JSON).body(everyContact).put("/api/qa/tenants/acme-bank/queues/qa-desk/policy")
                .then().statusCode(403);
        as("sam").contentType(ContentType.JSON).body(Map.of("share", 2, "minimumPerAgentPerWeek", 0))
                .put("/api/qa/tenants/acme-bank/queues/qa-desk/policy").then().statusCode(400).body("detail", containsString("between 0 and 1"));
        as("sam").contentType(ContentType.JSON).body(Map.of("name", "Chats", "criteria", List.of(
                        Map.of("id", "greeting", "label", "Greets by name", "weight", 1, "maxScore", 1),
                        Map.of("id", "accuracy", "label", "Right answer", "weight", 3, "maxScore", 5))))
                .put("/api/qa/tenants/acme-bank/scorecard").then().statusCode(200);

        JsonSocketClient alice = signedIn("alice");
        String sampled = assigned("alice", Channel.CHAT, "qa-desk");
        String notSampled = assigned("alice", Channel.CHAT, "billing");
        for (String contactId : List.of(sampled, notSampled)) {
            publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT,
                    ContactEnded.Reason.CUSTOMER_LEFT, null, null, null, null, null));
        }
        String evaluationId = await().atMost(WAIT).until(() -> as("sam").get("/api/qa/evaluations?status=PENDING").then().statusCode(200)
                .extract().jsonPath().<String>getString("find { it.contactId == '" + sampled + "' }.evaluationId"), java.util.Objects::nonNull);
        as("sam").get("/api/qa/evaluations").then().body("contactId", not(hasItem(notSampled)))
                .body("find { it.contactId == '" + sampled + "' }.agentId", equalTo("alice"))
                .body("find { it.contactId == '" + sampled + "' }.reason", equalTo("RANDOM"));
        as("gina").get("/api/qa/evaluations").then().statusCode(200).body("contactId", not(hasItem(sampled)));
        as("alice").get("/api/qa/evaluations").then().statusCode(403);
        as("alice").get("/api/qa/evaluations/" + evaluationId).then().statusCode(404);
        // The evaluator reads the transcript in the inbox.
        as("sam").get("/api/contacts/" + sampled).then().statusCode(200).body("messages[0].text", equalTo("I was charged twice"));

        as("sam").contentType(ContentType.JSON).body(Map.of("scores", Map.of("greeting", 1)))
                .post("/api/qa/evaluations/" + evaluationId + "/score").then().statusCode(400).body("detail", containsString("accuracy"));
        as("sam").contentType(ContentType.JSON).body(Map.of("scores", Map.of("greeting", 1, "accuracy", 6)))
                .post("/api/qa/evaluations/" + evaluationId + "/score").then().statusCode(400).body("detail", containsString("0 to 5"));
        // greeting 1/1 × 1 + accuracy 3/5 × 3 = 2.8 of 4: 70%
        as("sam").contentType(ContentType.JSON).body(Map.of("scores", Map.of("greeting", 1, "accuracy", 3),
                        "comments", Map.of("accuracy", "Check the refund rules"), "comment", "Friendly and quick"))
                .post("/api/qa/evaluations/" + evaluationId + "/score").then().statusCode(200)
                .body("status", equalTo("DONE")).body("totalPercent", equalTo(70.0f)).body("evaluatorId", equalTo("sam"));
        as("sam").contentType(ContentType.JSON).body(Map.of("scores", Map.of("greeting", 0, "accuracy", 0)))
                .post("/api/qa/evaluations/" + evaluationId + "/score").then().statusCode(409);

        alice.await(f -> "evaluation".equals(f.path("type").asText()) && evaluationId.equals(f.at("/evaluation/evaluationId").asText()));
        as("alice").get("/api/qa/evaluations/mine").then().statusCode(200)
                .body("find { it.evaluationId == '" + evaluationId + "' }.totalPercent", equalTo(70.0f))
                .body("find { it.evaluationId == '" + evaluationId + "' }.comments.accuracy", equalTo("Check the refund rules"))
                .body("find { it.evaluationId == '" + evaluationId + "' }.scorecard.name", equalTo("Chats"));
        as("bob").get("/api/qa/evaluations/mine").then().statusCode(200).body("evaluationId", not(hasItem(evaluationId)));
    }

    @Test
    void whatTheInboxCannotTakeIsDeadLetteredWithTheReasonAndThePartitionGoesOn() {
        String key = "refused-" + UUID.randomUUID();
        kafka.send(Topics.CONTACTS, key, "{\"not\": \"a cloud event\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String v2 = """
                {"specversion":"1.0","id":"%s","source":"/crm","type":"io.switchboard.contact.created.v2","subject":"%s",
                 "time":"2026-12-06T09:00:00Z","datacontenttype":"application/json","tenantid":"acme-bank","data":{"contactId":"%s"}}"""
                .formatted(UUID.randomUUID(), key, key);
        kafka.send(Topics.CONTACTS, key, v2.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // The next event on the same key (so the same partition) is applied: nothing blocks the partition.
        publish(new ContactCreated(UUID.randomUUID(), "acme-bank", Instant.now().truncatedTo(ChronoUnit.MILLIS), key, Channel.CHAT,
                Direction.INBOUND, "widget-acme", Address.chatVisitor("v-" + key), null, Map.of(), null, "After the refused ones",
                List.of(), "en", 0, Map.of()));

        var letters = kafka.await(Topics.DEAD_LETTER, r -> key.equals(r.key()) && "agent-desktop/StateConsumer".equals(header(r,
                io.switchboard.service.messaging.DeadLetter.CONSUMER)), 2, WAIT);
        assertThat(letters).extracting(r -> header(r, io.switchboard.service.messaging.DeadLetter.REASON))
                .containsExactly("MALFORMED_ENVELOPE", "UNKNOWN_TYPE_VERSION");
        assertThat(header(letters.get(0), io.switchboard.service.messaging.DeadLetter.TOPIC)).isEqualTo(Topics.CONTACTS);
        assertThat(header(letters.get(0), io.switchboard.service.messaging.DeadLetter.OFFSET)).matches("\\d+");
        assertThat(new String(letters.get(0).value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"a cloud event\"}");
        assertThat(header(letters.get(1), io.switchboard.service.messaging.DeadLetter.MESSAGE)).contains("contact.created.v2");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_refusals_total{consumer=\"agent-desktop/StateConsumer\",reason=\"MALFORMED_ENVELOPE\""));
        await().atMost(WAIT).untilAsserted(() -> as("sam").get("/api/contacts/" + key).then().statusCode(200));
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anOfferIsPushedToItsAgentOnlyAndAcceptedOnce() {
        JsonSocketClient alice = signedIn("alice");
        JsonSocketClient bob = signedIn("bob");
        JsonSocketClient dave = signedIn("dave");
        String contactId = newChat("acme-bank", "I was charged twice");
        // Routing offers a contact only after it read contact.created; the desktop reads both topics on their
        // own consumers, so wait until it knows the contact as routing would have.
        await().atMost(WAIT).untilAsserted(() -> as("sam").get("/api/contacts/" + contactId).then().statusCode(200)
                .body("contact.customer", equalTo("Jane Doe")));
        String offerId = offer(contactId, "alice");

        JsonNode offer = alice.await(f -> "offer".equals(f.path("type").asText()) && contactId.equals(f.at("/contact/contactId").asText()));
        assertThat(offer.at("/contact/offerId").asText()).isEqualTo(offerId);
        assertThat(offer.at("/contact/customer").asText()).isEqualTo("Jane Doe");
        assertThat(bob.poll("offer", Duration.ofSeconds(1))).as("bob is not offered alice's contact").isNull();
        assertThat(dave.poll("offer", Duration.ofMillis(200))).as("another tenant's agent sees nothing").isNull();

        as("alice").get("/api/contacts").then().statusCode(200).body("find { it.contactId == '" + contactId + "' }.status",
                equalTo("OFFERED"));
        as("bob").get("/api/contacts/" + contactId).then().statusCode(404);
        as("dave").get("/api/contacts/" + contactId).then().statusCode(404);
        as("gina").get("/api/contacts/" + contactId).then().statusCode(404);
        as("sam").get("/api/contacts/" + contactId).then().statusCode(200);
        as("bob").contentType(ContentType.JSON).body(Map.of("offerId", offerId)).post("/api/contacts/" + contactId + "/accept")
                .then().statusCode(404);
        as("alice").contentType(ContentType.JSON).body(Map.of("offerId", "stale")).post("/api/contacts/" + contactId + "/accept")
                .then().statusCode(409);

        as("alice").contentType(ContentType.JSON).body(Map.of("offerId", offerId)).post("/api/contacts/" + contactId + "/accept")
                .then().statusCode(202);
        OfferAnswered answer = (OfferAnswered) single(Topics.AGENTS, e -> e instanceof OfferAnswered a && a.contactId().equals(contactId));
        assertThat(answer.agentId()).isEqualTo("alice");
        assertThat(answer.offerId()).isEqualTo(offerId);
        assertThat(answer.answer()).isEqualTo(OfferAnswered.Answer.ACCEPTED);
    }

    @Test
    void anAgentRepliesTransfersAndWrapsUpOnlyWhatTheyHold() {
        JsonSocketClient alice = signedIn("alice");
        String contactId = assignedChat("alice");
        alice.await(f -> "contact".equals(f.path("type").asText()) && "ASSIGNED".equals(f.at("/contact/status").asText()));

        as("alice").get("/api/contacts/" + contactId).then().statusCode(200)
                .body("messages[0].text", equalTo("I was charged twice")).body("contact.unread", equalTo(0));
        as("alice").contentType(ContentType.JSON).body(Map.of("text", " ")).post("/api/contacts/" + contactId + "/replies")
                .then().statusCode(400);
        as("bob").contentType(ContentType.JSON).body(Map.of("text", "Hi")).post("/api/contacts/" + contactId + "/replies")
                .then().statusCode(404);
        String messageId = as("alice").contentType(ContentType.JSON).body(Map.of("text", "We refunded the second charge."))
                .post("/api/contacts/" + contactId + "/replies").then().statusCode(202).body("status", equalTo("PENDING"))
                .extract().path("messageId");
        ReplyRequested reply = (ReplyRequested) single(Topics.outbound(Channel.CHAT),
                e -> e instanceof ReplyRequested r && r.messageId().equals(messageId));
        assertThat(reply.text()).isEqualTo("We refunded the second charge.");
        assertThat(reply.agentId()).isEqualTo("alice");

        // The channel's answer marks it delivered, and the customer's next message is pushed to alice.
        publish(new ContactMessageSent(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, messageId, Channel.CHAT, "alice",
                Address.chatVisitor("v-" + contactId), reply.text(), List.of(), Map.of()));
        publish(new ContactMessageReceived(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, "m2-" + contactId, Channel.CHAT,
                Address.chatVisitor("v-" + contactId), "Thank you!", List.of(), Map.of()));
        alice.await(f -> "message".equals(f.path("type").asText()) && "Thank you!".equals(f.at("/message/text").asText()));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/contacts/" + contactId).then()
                .body("messages.find { it.messageId == '" + messageId + "' }.status", equalTo("SENT"))
                .body("contact.unread", equalTo(1)));
        as("alice").post("/api/contacts/" + contactId + "/read").then().statusCode(204);
        as("alice").get("/api/contacts").then().body("find { it.contactId == '" + contactId + "' }.unread", equalTo(0));

        as("alice").contentType(ContentType.JSON).body(Map.of("queueId", "bookings")).post("/api/contacts/" + contactId + "/transfer")
                .then().statusCode(400);
        as("alice").contentType(ContentType.JSON).body(Map.of("agentId", "dave")).post("/api/contacts/" + contactId + "/transfer")
                .then().statusCode(400);
        as("alice").contentType(ContentType.JSON).body(Map.of("queueId", "general", "agentId", "bob"))
                .post("/api/contacts/" + contactId + "/transfer").then().statusCode(400);
        as("alice").contentType(ContentType.JSON).body(Map.of("queueId", "general", "note", "not a billing question"))
                .post("/api/contacts/" + contactId + "/transfer").then().statusCode(202);
        TransferRequested transfer = (TransferRequested) single(Topics.AGENTS,
                e -> e instanceof TransferRequested t && t.contactId().equals(contactId));
        assertThat(transfer.toQueueId()).isEqualTo("general");
        assertThat(transfer.note()).isEqualTo("not a billing question");

        as("alice").contentType(ContentType.JSON).body(Map.of("disposition", "made-up")).post("/api/contacts/" + contactId + "/wrap-up")
                .then().statusCode(400);
        as("alice").contentType(ContentType.JSON).body(Map.of("disposition", "resolved")).post("/api/contacts/" + contactId + "/wrap-up")
                .then().statusCode(204);
        ContactEnded ended = (ContactEnded) single(Topics.CONTACTS, e -> e instanceof ContactEnded c && c.contactId().equals(contactId));
        assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.AGENT_ENDED);
        assertThat(ended.disposition()).isEqualTo("resolved");
        as("alice").get("/api/contacts").then().body("contactId", not(hasItem(contactId)));
        as("alice").contentType(ContentType.JSON).body(Map.of("text", "late")).post("/api/contacts/" + contactId + "/replies")
                .then().statusCode(409);
    }

    /**
     * A reply the client names: sent again because its answer was lost, it is the same reply and the same event (every
     * channel delivers a message id once); the channel's answer ends the repeats; the id is not for another text or contact.
     */
    @Test
    void aReplySentAgainWithItsIdIsOneReply() {
        String contactId = assignedChat("alice");
        String messageId = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("text", "Your card is unblocked.", "messageId", messageId);
        for (int i = 0; i < 2; i++) {
            as("alice").contentType(ContentType.JSON).body(body).post("/api/contacts/" + contactId + "/replies").then().statusCode(202)
                    .body("messageId", equalTo(messageId)).body("status", equalTo("PENDING"));
        }
        List<ConsumerRecord<String, byte[]>> asked = kafka.await(Topics.outbound(Channel.CHAT), r -> KafkaTestClient.decode(r)
                instanceof ReplyRequested reply && reply.messageId().equals(messageId), 2, WAIT);
        assertThat(asked.stream().map(r -> KafkaTestClient.decode(r).eventId()).distinct()).as("one event, asked twice").hasSize(1);
        as("alice").get("/api/contacts/" + contactId).then().body("messages.findAll { it.messageId == '" + messageId + "' }.size()",
                equalTo(1));

        as("alice").contentType(ContentType.JSON).body(Map.of("text", "Something else", "messageId", messageId))
                .post("/api/contacts/" + contactId + "/replies").then().statusCode(409);
        as("alice").contentType(ContentType.JSON).body(Map.of("text", "Hi", "messageId", "not-a-uuid"))
                .post("/api/contacts/" + contactId + "/replies").then().statusCode(400).body("detail", containsString("UUID"));
        String other = assignedChat("alice");
        as("alice").contentType(ContentType.JSON).body(body).post("/api/contacts/" + other + "/replies").then().statusCode(409);

        publish(new ContactMessageSent(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, messageId, Channel.CHAT, "alice",
                Address.chatVisitor("v-" + contactId), "Your card is unblocked.", List.of(), Map.of()));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/contacts/" + contactId).then()
                .body("messages.find { it.messageId == '" + messageId + "' }.status", equalTo("SENT")));
        as("alice").contentType(ContentType.JSON).body(body).post("/api/contacts/" + contactId + "/replies").then().statusCode(202)
                .body("status", equalTo("SENT"));
        // The 202 came after any publication was acknowledged, so a third request would already be on the topic.
        assertThatThrownBy(() -> kafka.await(Topics.outbound(Channel.CHAT), r -> KafkaTestClient.decode(r) instanceof ReplyRequested reply
                && reply.messageId().equals(messageId), 3, Duration.ofSeconds(5))).as("not asked a third time once sent")
                .hasMessageContaining("but saw 2");
    }

    @Test
    void anEndedContactIsWrappedUpOnceByItsAgentWithOneOfItsQueuesCodes() {
        publish(cardsQueue());
        String contactId = assigned("alice", Channel.CHAT, "cards");
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/contacts/" + contactId + "/canned-responses").then()
                .statusCode(200).body("title", hasItems("Greeting", "Card blocked")));
        as("alice").contentType(ContentType.JSON).body(Map.of("dispositionCode", "RESOLVED")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(409).body("detail", containsString("has not ended"));
        as("bob").post("/api/contacts/" + contactId + "/end").then().statusCode(404);

        as("alice").post("/api/contacts/" + contactId + "/end").then().statusCode(204);
        ContactEnded ended = (ContactEnded) single(Topics.CONTACTS, e -> e instanceof ContactEnded c && c.contactId().equals(contactId));
        assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.AGENT_ENDED);
        assertThat(ended.disposition()).isNull();
        // Routing gives alice the queue's wrap-up time.
        Instant endsAt = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.MILLIS);
        publish(new AgentStateChanged(UUID.randomUUID(), "acme-bank", Instant.now(), "alice", AgentStateChanged.State.WRAP_UP,
                "after-contact work", endsAt));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/wrapups").then().statusCode(200)
                .body("find { it.contact.contactId == '" + contactId + "' }.dispositions.code", equalTo(List.of("RESOLVED", "CALLBACK")))
                .body("find { it.contact.contactId == '" + contactId + "' }.dispositionRequired", equalTo(true))
                .body("find { it.contact.contactId == '" + contactId + "' }.wrapUpSeconds", equalTo(45))
                .body("find { it.contact.contactId == '" + contactId + "' }.wrapUpEndsAt", equalTo(endsAt.toString())));
        as("bob").get("/api/wrapups").then().statusCode(200).body("contact.contactId", not(hasItem(contactId)));
        as("alice").get("/api/contacts").then().body("contactId", not(hasItem(contactId)));

        as("alice").contentType(ContentType.JSON).body(Map.of("notes", "no code")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("dispositionCode")).body("violations[0].message", containsString("required"));
        as("alice").contentType(ContentType.JSON).body(Map.of("dispositionCode", "SOLD")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(400).body("violations[0].field", equalTo("dispositionCode"))
                .body("violations[0].message", containsString("unknown code SOLD"));
        as("alice").contentType(ContentType.JSON).body(Map.of("dispositionCode", "RESOLVED", "notes", "x".repeat(4_001)))
                .post("/api/contacts/" + contactId + "/wrapup").then().statusCode(400).body("violations[0].field", equalTo("notes"));
        as("bob").contentType(ContentType.JSON).body(Map.of("dispositionCode", "RESOLVED")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(404);
        as("dave").contentType(ContentType.JSON).body(Map.of("dispositionCode", "RESOLVED")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(404);
        as("sam").contentType(ContentType.JSON).body(Map.of("dispositionCode", "RESOLVED")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(403);

        as("alice").contentType(ContentType.JSON).body(Map.of("dispositionCode", "CALLBACK", "notes", "Call back after 5pm"))
                .post("/api/contacts/" + contactId + "/wrapup").then().statusCode(202)
                .body("dispositionCode", equalTo("CALLBACK")).body("dispositionLabel", equalTo("Call back"));
        WrapUpCompleted done = (WrapUpCompleted) single(Topics.AGENTS, e -> e instanceof WrapUpCompleted w && w.contactId().equals(contactId));
        assertThat(done.agentId()).isEqualTo("alice");
        assertThat(done.tenantId()).isEqualTo("acme-bank");
        assertThat(done.queueId()).isEqualTo("cards");
        assertThat(done.dispositionCode()).isEqualTo("CALLBACK");
        assertThat(done.notes()).isEqualTo("Call back after 5pm");
        as("alice").contentType(ContentType.JSON).body(Map.of("dispositionCode", "RESOLVED")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(409).body("detail", containsString("already wrapped up"));
        as("alice").get("/api/wrapups").then().body("contact.contactId", not(hasItem(contactId)));

        // The supervisor sees the outcome in the contact's details; another tenant's supervisor sees nothing.
        as("sam").get("/api/contacts/" + contactId).then().statusCode(200).body("contact.disposition", equalTo("CALLBACK"))
                .body("wrapUp.agentId", equalTo("alice")).body("wrapUp.dispositionLabel", equalTo("Call back"))
                .body("wrapUp.notes", equalTo("Call back after 5pm"));
        as("gina").get("/api/contacts/" + contactId).then().statusCode(404);
    }

    @Test
    void aContactTheCustomerLeftIsWrappedUpWithoutACodeWhereItsQueueHasNone() {
        String contactId = assignedChat("alice");
        publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, ContactEnded.Reason.CUSTOMER_LEFT,
                null, null, null, null, null));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/wrapups").then().statusCode(200)
                .body("find { it.contact.contactId == '" + contactId + "' }.dispositionRequired", equalTo(false)));
        as("alice").contentType(ContentType.JSON).body(Map.of("dispositionCode", "RESOLVED")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(400).body("violations[0].message", containsString("no disposition codes"));
        as("alice").contentType(ContentType.JSON).body(Map.of("notes", "customer left")).post("/api/contacts/" + contactId + "/wrapup")
                .then().statusCode(202);
        WrapUpCompleted done = (WrapUpCompleted) single(Topics.AGENTS, e -> e instanceof WrapUpCompleted w && w.contactId().equals(contactId));
        assertThat(done.dispositionCode()).isNull();
        assertThat(done.notes()).isEqualTo("customer left");
    }

    @Test
    void cannedResponsesAreTheContactsQueuesForWhoMaySeeTheContact() {
        publish(cardsQueue());
        String cards = assigned("alice", Channel.CHAT, "cards");
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/contacts/" + cards + "/canned-responses").then()
                .statusCode(200).body("size()", equalTo(2)).body("[0].text", equalTo("Hello, this is Acme Bank. How can I help?")));
        as("sam").get("/api/contacts/" + cards + "/canned-responses").then().statusCode(200).body("size()", equalTo(2));
        as("bob").get("/api/contacts/" + cards + "/canned-responses").then().statusCode(404);
        as("dave").get("/api/contacts/" + cards + "/canned-responses").then().statusCode(404);
        as("gina").get("/api/contacts/" + cards + "/canned-responses").then().statusCode(404);
        // A queue without canned responses has none.
        String billing = assignedChat("alice");
        as("alice").get("/api/contacts/" + billing + "/canned-responses").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aRepliesDeliveryIsShownAsFarAsItGotAndTheSmsChannelIsAskedBeforeTheAgentTypes() {
        JsonSocketClient alice = signedIn("alice");
        String contactId = assigned("alice", Channel.SMS);
        String messageId = as("alice").contentType(ContentType.JSON).body(Map.of("text", "Your card is unblocked."))
                .post("/api/contacts/" + contactId + "/replies").then().statusCode(202).extract().path("messageId");
        single(Topics.outbound(Channel.SMS), e -> e instanceof ReplyRequested r && r.messageId().equals(messageId));
        publish(new ContactMessageSent(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, messageId, Channel.SMS, "alice",
                Address.phone(CUSTOMER_NUMBER, null), "Your card is unblocked.", List.of(), Map.of("segments", "1")));
        publish(status(contactId, messageId, ContactMessageStatusChanged.Status.DELIVERED, null));
        // A late "sent" from the carrier never hides that it was delivered.
        publish(status(contactId, messageId, ContactMessageStatusChanged.Status.SENT, null));
        alice.await(f -> "message".equals(f.path("type").asText()) && "DELIVERED".equals(f.at("/message/delivery").asText()));
        String marker = "late-" + UUID.randomUUID();
        publish(new ContactMessageReceived(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, marker, Channel.SMS,
                Address.phone(CUSTOMER_NUMBER, null), "thanks", List.of(), Map.of()));
        alice.await(f -> "message".equals(f.path("type").asText()) && marker.equals(f.at("/message/messageId").asText()));
        as("alice").get("/api/contacts/" + contactId).then().statusCode(200)
                .body("messages.find { it.messageId == '" + messageId + "' }.delivery", equalTo("DELIVERED"));

        // The SMS channel says the number opted out: the inbox hears it with the agent's own token.
        ChannelStubResource.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get("/sms/api/contacts/" + contactId + "/reply-policy")
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"contactId":"%s","channel":"SMS","platform":null,"canReply":false,
                         "reason":"+447400123456 opted out with STOP","windowClosesAt":null,"templates":[]}""".formatted(contactId))));
        as("alice").get("/api/contacts/" + contactId + "/reply-policy").then().statusCode(200)
                .body("canReply", equalTo(false)).body("reason", containsString("opted out")).body("status", equalTo("checked"));
        as("bob").get("/api/contacts/" + contactId + "/reply-policy").then().statusCode(404);
        // A chat has no such rules, and a channel that does not answer leaves the reply allowed, with a note.
        String chat = assignedChat("alice");
        as("alice").get("/api/contacts/" + chat + "/reply-policy").then().statusCode(200).body("canReply", equalTo(true))
                .body("status", equalTo("open"));
        String otherSms = assigned("alice", Channel.SMS);
        as("alice").get("/api/contacts/" + otherSms + "/reply-policy").then().statusCode(200).body("canReply", equalTo(true))
                .body("status", equalTo("unavailable"));
    }

    @Test
    void aWhatsAppTemplateTravelsAsTheRepliesMetadataAndOnlyForSocialContacts() {
        String contactId = assigned("alice", Channel.SOCIAL);
        ChannelStubResource.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get("/social/api/contacts/" + contactId + "/reply-policy")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"contactId":"%s","channel":"SOCIAL","platform":"WHATSAPP","canReply":false,
                         "reason":"WhatsApp's 24-hour customer service window closed","windowClosesAt":"2026-12-01T09:00:00Z",
                         "templates":[{"name":"account_update","language":"en","text":"Hello {{1}}, case {{2}} was updated.",
                                       "parameters":2}]}""".formatted(contactId))));
        as("alice").get("/api/contacts/" + contactId + "/reply-policy").then().statusCode(200)
                .body("platform", equalTo("WHATSAPP")).body("canReply", equalTo(false))
                .body("templates[0].name", equalTo("account_update")).body("windowClosesAt", equalTo("2026-12-01T09:00:00Z"));

        Map<String, Object> template = Map.of("name", "account_update", "language", "en", "parameters", List.of("Jane", "C-42"));
        String messageId = as("alice").contentType(ContentType.JSON)
                .body(Map.of("text", "Hello Jane, case C-42 was updated.", "template", template))
                .post("/api/contacts/" + contactId + "/replies").then().statusCode(202).extract().path("messageId");
        ReplyRequested reply = (ReplyRequested) single(Topics.outbound(Channel.SOCIAL),
                e -> e instanceof ReplyRequested r && r.messageId().equals(messageId));
        assertThat(reply.metadata()).containsEntry("template", "account_update").containsEntry("templateLanguage", "en")
                .containsEntry("templateParameters", "[\"Jane\",\"C-42\"]");

        as("alice").contentType(ContentType.JSON).body(Map.of("text", "x", "template", Map.of("name", "Bad Name!", "language", "en")))
                .post("/api/contacts/" + contactId + "/replies").then().statusCode(400);
        String chat = assignedChat("alice");
        as("alice").contentType(ContentType.JSON).body(Map.of("text", "x", "template", template))
                .post("/api/contacts/" + chat + "/replies").then().statusCode(400);
    }

    @Test
    void typingReachesTheOtherSide() {
        JsonSocketClient alice = signedIn("alice");
        String contactId = assignedChat("alice");
        publish(new ContactTyping(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, ContactTyping.Party.CUSTOMER,
                null));
        alice.await(f -> "typing".equals(f.path("type").asText()) && contactId.equals(f.path("contactId").asText()));

        as("bob").post("/api/contacts/" + contactId + "/typing").then().statusCode(404);
        as("alice").post("/api/contacts/" + contactId + "/typing").then().statusCode(204);
        ContactTyping typing = (ContactTyping) single(Topics.CONTACTS, e -> e instanceof ContactTyping t && t.contactId().equals(contactId)
                && t.party() == ContactTyping.Party.AGENT);
        assertThat(typing.agentId()).isEqualTo("alice");
    }

    @Test
    void holdAndResumeAreForTheVoiceCallsAnAgentHolds() {
        String chat = assignedChat("alice");
        as("alice").post("/api/contacts/" + chat + "/hold").then().statusCode(409);
        String call = assigned("alice", Channel.VOICE);
        as("bob").post("/api/contacts/" + call + "/hold").then().statusCode(404);
        as("alice").post("/api/contacts/" + call + "/hold").then().statusCode(202);
        CallControlRequested hold = (CallControlRequested) single(Topics.outbound(Channel.VOICE),
                e -> e instanceof CallControlRequested c && c.contactId().equals(call));
        assertThat(hold.action()).isEqualTo(CallControlRequested.Action.HOLD);
        assertThat(hold.agentId()).isEqualTo("alice");
    }

    @Test
    void aSupervisorOfTheCallsTenantListensWhispersBargesAndLeaves() {
        String call = assigned("alice", Channel.VOICE);
        as("alice").contentType(ContentType.JSON).body(Map.of("mode", "LISTEN")).post("/api/contacts/" + call + "/monitor")
                .then().statusCode(403);
        as("gina").contentType(ContentType.JSON).body(Map.of("mode", "LISTEN")).post("/api/contacts/" + call + "/monitor")
                .then().statusCode(404);
        as("sam").contentType(ContentType.JSON).body(Map.of("mode", "SHOUT")).post("/api/contacts/" + call + "/monitor")
                .then().statusCode(400).body("detail", containsString("LISTEN, WHISPER, BARGE or LEAVE"));
        String chat = assignedChat("alice");
        as("sam").contentType(ContentType.JSON).body(Map.of("mode", "LISTEN")).post("/api/contacts/" + chat + "/monitor")
                .then().statusCode(409).body("detail", containsString("watch it instead"));

        for (String mode : List.of("LISTEN", "WHISPER", "BARGE", "LEAVE")) {
            as("sam").contentType(ContentType.JSON).body(Map.of("mode", mode.toLowerCase(java.util.Locale.ROOT)))
                    .post("/api/contacts/" + call + "/monitor").then().statusCode(202);
            CallControlRequested command = (CallControlRequested) single(Topics.outbound(Channel.VOICE),
                    e -> e instanceof CallControlRequested c && c.contactId().equals(call) && c.action().name().equals(mode));
            // The supervisor's own phone joins: the gateway rings the user the command names.
            assertThat(command.agentId()).isEqualTo("sam");
            assertThat(command.tenantId()).isEqualTo("acme-bank");
        }
    }

    @Test
    void aCallIsRefusedWithAReasonForTheWrongTenantNumberOrCaller() {
        given().contentType(ContentType.JSON).body(Map.of("to", CUSTOMER_NUMBER)).post("/api/calls").then().statusCode(401);
        as("dave").contentType(ContentType.JSON).body(Map.of("to", CUSTOMER_NUMBER, "tenantId", "acme-bank")).post("/api/calls")
                .then().statusCode(404);
        as("carol").contentType(ContentType.JSON).body(Map.of("to", CUSTOMER_NUMBER)).post("/api/calls")
                .then().statusCode(400).body("detail", containsString("tenantId"));
        as("sam").contentType(ContentType.JSON).body(Map.of("to", CUSTOMER_NUMBER)).post("/api/calls")
                .then().statusCode(403).body("detail", containsString("not configured as an agent"));
        as("alice").contentType(ContentType.JSON).body(Map.of("tenantId", "acme-bank")).post("/api/calls")
                .then().statusCode(400).body("detail", containsString("number to call"));
        as("alice").contentType(ContentType.JSON).body(Map.of("to", "+44 12")).post("/api/calls")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("+44 12"));
        as("alice").contentType(ContentType.JSON).body(Map.of("to", CUSTOMER_NUMBER, "from", "+442079460999")).post("/api/calls")
                .then().statusCode(400).body("detail", containsString(ACME_MAIN_NUMBER));
        as("dave").contentType(ContentType.JSON).body(Map.of("to", "+34600000000")).post("/api/calls")
                .then().statusCode(409).body("detail", containsString("no voice number"));

        as("bob").get("/api/directory").then().body("callerIds.number", hasItems(ACME_MAIN_NUMBER, ACME_LOANS_NUMBER))
                .body("callerIds.tenantId", everyItem(equalTo("acme-bank")));
        as("sam").get("/api/directory").then().body("callerIds", empty());
        as("dave").get("/api/directory").then().body("callerIds", empty());
    }

    @Test
    void anAgentsCallReachesTheirInboxWithTheCustomerAndEndsUnanswered() {
        hangUpCallsOf("alice");
        JsonSocketClient socket = signedIn("alice");
        // A national number is read in the tenant's region.
        var placed = as("alice").contentType(ContentType.JSON).body(Map.of("to", "07400 123456", "tenantId", "acme-bank"))
                .post("/api/calls").then().statusCode(202).extract();
        String contactId = placed.path("contactId");
        assertThat(placed.header("Location")).isEqualTo("/api/contacts/" + contactId);
        CallDialRequested dial = (CallDialRequested) single(Topics.outbound(Channel.VOICE),
                e -> e instanceof CallDialRequested d && d.contactId().equals(contactId));
        assertThat(dial.tenantId()).isEqualTo("acme-bank");
        assertThat(dial.agentId()).isEqualTo("alice");
        assertThat(dial.entryPoint()).isEqualTo(ACME_MAIN_NUMBER);
        assertThat(dial.to()).isEqualTo(new Address(AddressKind.PHONE, CUSTOMER_NUMBER, null));

        // The gateway publishes the call from our number to the customer; routing assigns it to alice without an offer.
        publish(new ContactCreated(UUID.randomUUID(), "acme-bank", Instant.now().truncatedTo(ChronoUnit.MILLIS), contactId, Channel.VOICE,
                Direction.OUTBOUND, ACME_MAIN_NUMBER, Address.phone(ACME_MAIN_NUMBER, null), Address.phone(CUSTOMER_NUMBER, null), Map.of(),
                null, null, List.of(), null, 0, Map.of(ContactCreated.PLACED_BY, "alice", "callId", "call-" + contactId)));
        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.VOICE, "billing", "alice", null));
        // The two topics are read independently: the frame that has both the assignment and the call's details may be the second.
        socket.await(f -> "contact".equals(f.path("type").asText()) && contactId.equals(f.at("/contact/contactId").asText())
                && "ASSIGNED".equals(f.at("/contact/status").asText()) && "OUTBOUND".equals(f.at("/contact/direction").asText())
                && CUSTOMER_NUMBER.equals(f.at("/contact/customer").asText()));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/contacts").then().statusCode(200)
                .body("find { it.contactId == '" + contactId + "' }.customer", equalTo(CUSTOMER_NUMBER))
                .body("find { it.contactId == '" + contactId + "' }.direction", equalTo("OUTBOUND")));
        as("alice").get("/api/contacts/" + contactId).then().statusCode(200)
                .body("customerKind", equalTo("PHONE")).body("customerValue", equalTo(CUSTOMER_NUMBER));

        as("alice").contentType(ContentType.JSON).body(Map.of("to", "+447400999888", "from", ACME_LOANS_NUMBER)).post("/api/calls")
                .then().statusCode(409).body("detail", containsString("already on a call"));

        publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.VOICE, ContactEnded.Reason.NO_ANSWER,
                null, 30L, null, null, null));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/contacts/" + contactId).then().statusCode(200)
                .body("contact.status", equalTo("ENDED")).body("contact.endReason", equalTo("NO_ANSWER")));
        as("alice").get("/api/contacts").then().body("contactId", not(hasItem(contactId)));

        String next = as("alice").contentType(ContentType.JSON).body(Map.of("to", "+447400999888", "from", ACME_LOANS_NUMBER))
                .post("/api/calls").then().statusCode(202).extract().path("contactId");
        CallDialRequested again = (CallDialRequested) single(Topics.outbound(Channel.VOICE),
                e -> e instanceof CallDialRequested d && d.contactId().equals(next));
        assertThat(again.entryPoint()).isEqualTo(ACME_LOANS_NUMBER);
    }

    @Test
    void presenceIsPublishedForRoutingAndPushedToTheAgentAndTheirSupervisors() {
        JsonSocketClient sam = signedIn("sam");
        JsonSocketClient gina = signedIn("gina");
        as("bob").contentType(ContentType.JSON).body(Map.of("state", "lunch")).put("/api/me/presence").then().statusCode(400);
        as("bob").contentType(ContentType.JSON).body(Map.of("state", "WRAP_UP")).put("/api/me/presence").then().statusCode(400);
        as("bob").contentType(ContentType.JSON).body(Map.of("state", "available")).put("/api/me/presence").then().statusCode(202);
        AgentStateChanged state = (AgentStateChanged) single(Topics.AGENTS,
                e -> e instanceof AgentStateChanged s && s.agentId().equals("bob") && s.state() == AgentStateChanged.State.AVAILABLE);
        assertThat(state.tenantId()).isEqualTo("acme-bank");
        sam.await(f -> "presence".equals(f.path("type").asText()) && "bob".equals(f.at("/agent/agentId").asText())
                && "AVAILABLE".equals(f.at("/agent/state").asText()));
        assertThat(gina.poll("presence", Duration.ofSeconds(1))).as("globex's supervisor does not watch acme's agents").isNull();
        await().atMost(WAIT).untilAsserted(() -> as("bob").get("/api/me").then().body("presence", equalTo("AVAILABLE")));
    }

    @Test
    void theCustomerPanelSaysSoWhenCustomer360DoesNotAnswer() {
        String contactId = assignedChat("alice");
        as("alice").get("/api/contacts/" + contactId + "/customer").then().statusCode(200).body("status", equalTo("unavailable"));
        as("bob").get("/api/contacts/" + contactId + "/customer").then().statusCode(404);
    }

    @Test
    void aSocketWithoutAValidTokenIsClosed() {
        JsonSocketClient silent = JsonSocketClient.connect(socketUri(), null);
        sockets.add(silent);
        assertThat(silent.await("error").path("code").asText()).isEqualTo("unauthenticated");
        await().atMost(WAIT).until(silent::closedByServer);

        JsonSocketClient forged = JsonSocketClient.connect(socketUri(), null);
        sockets.add(forged);
        forged.send("{\"type\":\"auth\",\"token\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.\"}");
        assertThat(forged.await("error").path("code").asText()).isEqualTo("unauthenticated");
        await().atMost(WAIT).until(forged::closedByServer);

        JsonSocketClient nonsense = JsonSocketClient.connect(socketUri(), null);
        sockets.add(nonsense);
        nonsense.send("not json");
        assertThat(nonsense.await("error").path("code").asText()).isEqualTo("bad_frame");
    }

    // ------------------------------------------------------------------ helpers

    private RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private JsonSocketClient signedIn(String user) {
        JsonSocketClient socket = JsonSocketClient.connect(socketUri(), null);
        sockets.add(socket);
        socket.send("{\"type\":\"auth\",\"token\":\"" + KeycloakServer.shared().accessToken(user) + "\"}");
        assertThat(socket.await("ready").path("agentId").asText()).isEqualTo(user);
        return socket;
    }

    private URI socketUri() {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/desktop");
    }

    private String newChat(String tenant, String text) {
        return newContact(tenant, text, Channel.CHAT);
    }

    private String newContact(String tenant, String text, Channel channel) {
        String contactId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new ContactCreated(UUID.randomUUID(), tenant, now, contactId, channel, Direction.INBOUND, "widget-acme",
                Address.chatVisitor("v-" + contactId), null, Map.of("name", "Jane Doe"), null, text, List.of(), "en", 0, Map.of()));
        publish(new ContactMessageReceived(UUID.randomUUID(), tenant, now, contactId, "m1-" + contactId, channel,
                Address.chatVisitor("v-" + contactId), text, List.of(), Map.of()));
        return contactId;
    }

    private String offer(String contactId, String agent) {
        return offer(contactId, agent, Channel.CHAT);
    }

    private String offer(String contactId, String agent, Channel channel) {
        String offerId = contactId + "#1";
        publish(new ContactOffered(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, channel, "billing", agent, offerId,
                Instant.now().plusSeconds(60)));
        return offerId;
    }

    private String assignedChat(String agent) {
        return assigned(agent, Channel.CHAT);
    }

    private String assigned(String agent, Channel channel) {
        return assigned(agent, channel, "billing");
    }

    private String assigned(String agent, Channel channel, String queue) {
        String contactId = newContact("acme-bank", "I was charged twice", channel);
        String offerId = offer(contactId, agent, channel);
        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, channel, queue, agent, offerId));
        await().atMost(WAIT).untilAsserted(() -> as(agent).get("/api/contacts/" + contactId).then().statusCode(200)
                .body("contact.status", equalTo("ASSIGNED")).body("messages.size()", equalTo(1)));
        return contactId;
    }

    /** Ends the voice calls earlier tests left the agent holding, as the gateway would when the caller hangs up. */
    private void hangUpCallsOf(String agent) {
        List<String> calls = as(agent).get("/api/contacts").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.channel == 'VOICE' && it.status == 'ASSIGNED' }.contactId", String.class);
        for (String call : calls) {
            publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), call, Channel.VOICE, ContactEnded.Reason.CUSTOMER_LEFT,
                    null, null, null, null, null));
        }
        await().atMost(WAIT).untilAsserted(() -> as(agent).get("/api/contacts").then()
                .body("findAll { it.channel == 'VOICE' && it.status == 'ASSIGNED' }", empty()));
    }

    private SwitchboardEvent single(String topic, Predicate<SwitchboardEvent> matching) {
        return kafka.awaitEvent(topic, matching, WAIT);
    }

    private void publish(SwitchboardEvent event) {
        kafka.publish(event, SOURCE);
    }

    private static ContactMessageStatusChanged status(String contactId, String messageId, ContactMessageStatusChanged.Status status,
            String reason) {
        return new ContactMessageStatusChanged(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, messageId, Channel.SMS, status,
                reason, status.name().toLowerCase(), Map.of());
    }

    private static QueueConfigured queue(String tenant, String id, String name) {
        return new QueueConfigured(UUID.nameUUIDFromBytes(("queue:" + id).getBytes()), tenant, SINCE, id, name, Map.of(), 0,
                new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null,
                false, true);
    }

    /** acme-bank's cards queue: 45 s of wrap-up, two outcomes and two canned responses. */
    static QueueConfigured cardsQueue() {
        return new QueueConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), "cards", "Cards", Map.of(), 0,
                new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.ROUND_ROBIN, 0, 20, 0, null, List.of(), null,
                false, true, 45, List.of(new QueueConfigured.Disposition("RESOLVED", "Resolved"),
                        new QueueConfigured.Disposition("CALLBACK", "Call back")),
                List.of(new QueueConfigured.CannedResponse("Greeting", "Hello, this is Acme Bank. How can I help?"),
                        new QueueConfigured.CannedResponse("Card blocked", "I have blocked your card; a new one is on its way.")));
    }

    private static TenantConfigured tenant(String id, String region, List<TenantConfigured.EntryPoint> entryPoints) {
        return new TenantConfigured(UUID.nameUUIDFromBytes(("tenant:" + id).getBytes()), id, SINCE, id, "Europe/London", region, null,
                entryPoints.get(0).queueId(), entryPoints);
    }

    private static AgentConfigured agent(String id, String name, List<String> tenants) {
        return new AgentConfigured(UUID.nameUUIDFromBytes(("agent:" + id).getBytes()), tenants.get(0), SINCE, id, name, tenants,
                Map.of("billing", 3), Map.of(Channel.CHAT, 3), false, true);
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/directory";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("alice")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("alice")).get(path)
                .then().statusCode(401);
    }
}
