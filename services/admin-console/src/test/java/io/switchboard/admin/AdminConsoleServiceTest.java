package io.switchboard.admin;

import static io.switchboard.admin.ConsoleFixture.as;
import static io.switchboard.admin.ConsoleFixture.queueBody;
import static io.switchboard.admin.ConsoleFixture.tenantBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The console against real parts: Kafka, PostgreSQL and Keycloak. Users are really created in
 * Keycloak through the console and read back through Keycloak's own admin API; every change is
 * checked on the config topic as routing would read it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "admin"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(KeycloakAdminClientResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleServiceTest extends ConsoleSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void integratorsReadThePublishedSchemasInForceWithoutSigningIn() throws Exception {
        String published = java.nio.file.Files.readString(
                java.nio.file.Path.of("../../docs/events/schemas/io.switchboard.contact.created.v1.json"));
        String served = io.restassured.RestAssured.given().get("/api/events/schemas/io.switchboard.contact.created.v1").then()
                .statusCode(200).contentType("application/schema+json").extract().asString();
        assertThat(served).isEqualTo(published);

        io.restassured.RestAssured.given().get("/api/events").then().statusCode(200)
                .body("types.type", hasItem("io.switchboard.contact.created.v1"))
                .body("types.find { it.type == 'io.switchboard.contact.created.v1' }.topics", equalTo(List.of(Topics.CONTACTS)))
                .body("envelope", equalTo("/api/events/schemas/cloudevent-envelope"));
        io.restassured.RestAssured.given().get("/api/events/schemas/cloudevent-envelope").then().statusCode(200)
                .body("required", hasItem("tenantid"));
        io.restassured.RestAssured.given().get("/api/events/asyncapi.yaml").then().statusCode(200)
                .body(containsString("switchboard.contacts.v1"));
        io.restassured.RestAssured.given().get("/api/events/schemas/io.switchboard.contact.created.v9").then().statusCode(404)
                .body("detail", containsString("GET /api/events lists the event types"));
    }

    @Test
    void holidaysTheClosedMessageWrapUpDispositionsCannedResponsesAndAgentSelectionReachTheQueueSnapshot() {
        Map<String, Object> withHolidays = new java.util.HashMap<>(tenantBody("Tenant " + f.tenant));
        withHolidays.put("holidays", List.of(Map.of("date", "2026-12-25", "name", "Christmas Day")));
        withHolidays.put("closedMessage", "We are closed. We answer from 8:00 on Monday.");
        as(f.admin).body(withHolidays).put("/api/tenants/" + f.tenant).then().statusCode(200).body("changed", equalTo(true));
        as(f.admin).body(Map.of("name", "Support", "strategy", "ROUND_ROBIN", "serviceLevelSeconds", 20, "serviceLevelPercent", 80,
                        "offerTimeoutSeconds", 20, "wrapUpSeconds", 45, "agentSelection", "PRIMARY_FIRST",
                        "dispositions", List.of(Map.of("code", "RESOLVED", "label", "Resolved"), Map.of("code", "CALLBACK")),
                        "cannedResponses", List.of(Map.of("title", "Greeting", "text", "Hello, how can I help?"))))
                .put("/api/tenants/" + f.tenant + "/queues/support")
                .then().statusCode(200).body("changed", equalTo(true));
        QueueConfigured support = (QueueConfigured) await(e -> e instanceof QueueConfigured q && q.tenantId().equals(f.tenant)
                && q.queueId().equals("support"));
        assertThat(support.strategy()).isEqualTo(QueueConfigured.Strategy.ROUND_ROBIN);
        assertThat(support.agentSelection()).isEqualTo(QueueConfigured.AgentSelection.PRIMARY_FIRST);
        assertThat(support.wrapUpSeconds()).isEqualTo(45);
        assertThat(support.dispositions()).containsExactly(new QueueConfigured.Disposition("RESOLVED", "Resolved"),
                new QueueConfigured.Disposition("CALLBACK", "CALLBACK"));
        assertThat(support.cannedResponses()).containsExactly(new QueueConfigured.CannedResponse("Greeting", "Hello, how can I help?"));
        assertThat(support.businessHours().holidays())
                .containsExactly(new QueueConfigured.Holiday(java.time.LocalDate.of(2026, 12, 25), "Christmas Day"));
        assertThat(support.businessHours().closedMessage()).isEqualTo("We are closed. We answer from 8:00 on Monday.");

        as(f.admin).body(Map.of("name", "Support", "serviceLevelSeconds", 20, "serviceLevelPercent", 80, "offerTimeoutSeconds", 20,
                        "dispositions", List.of(Map.of("code", "resolved"))))
                .put("/api/tenants/" + f.tenant + "/queues/support")
                .then().statusCode(400)
                .body("violations.find { it.field == 'dispositions[0].code' }.message", containsString("capital letters"));
        as(f.admin).body(tenantBody("Tenant " + f.tenant)).put("/api/tenants/" + f.tenant).then().statusCode(200);
        as(f.admin).delete("/api/tenants/" + f.tenant + "/queues/support").then().statusCode(204);
    }

    @Test
    void aTenantsQueuesAndEntryPointsArePublishedAsTheContractsSnapshots() {
        TenantConfigured tenant = (TenantConfigured) await(e -> e instanceof TenantConfigured t && t.tenantId().equals(f.tenant));
        assertThat(tenant.name()).isEqualTo("Tenant " + f.tenant);
        assertThat(tenant.defaultRegion()).isEqualTo("GB");

        as(f.admin).body(tenantBody("Tenant " + f.tenant)).put("/api/tenants/" + f.tenant)
                .then().statusCode(200).body("changed", equalTo(false));

        as(f.admin).body(Map.of("name", "Billing", "requiredSkills", Map.of("billing", 2), "priority", 2,
                        "serviceLevelSeconds", 30, "serviceLevelPercent", 90, "strategy", "MOST_SKILLED", "offerTimeoutSeconds", 25,
                        "maxWaitSeconds", 300, "overflowQueueId", "general",
                        "relaxation", List.of(Map.of("afterSeconds", 60, "skill", "billing", "minimumProficiency", 1))))
                .put("/api/tenants/" + f.tenant + "/queues/billing")
                .then().statusCode(200).body("changed", equalTo(true))
                .body("warnings[0]", containsString("no active agent of " + f.tenant + " can serve this queue"));
        QueueConfigured queue = (QueueConfigured) await(e -> e instanceof QueueConfigured q && q.tenantId().equals(f.tenant)
                && q.queueId().equals("billing"));
        assertThat(queue.requiredSkills()).containsEntry("billing", 2);
        assertThat(queue.serviceLevel()).isEqualTo(new QueueConfigured.ServiceLevelTarget(30, 90));
        assertThat(queue.strategy()).isEqualTo(QueueConfigured.Strategy.MOST_SKILLED);
        assertThat(queue.overflowQueueId()).isEqualTo("general");
        assertThat(queue.relaxation()).containsExactly(new QueueConfigured.RelaxationStep(60, "billing", 1));
        // No hours of its own: the tenant's Monday hours, in the tenant's zone.
        assertThat(queue.businessHours().timeZone()).isEqualTo("Europe/London");
        assertThat(queue.businessHours().weekly()).hasSize(1);

        as(f.admin).body(Map.of("channel", "VOICE", "address", "020 7946 0123", "queueId", "billing"))
                .put("/api/tenants/" + f.tenant + "/entry-points")
                .then().statusCode(200).body("value.address", equalTo("+442079460123"));
        await(e -> e instanceof TenantConfigured t && t.tenantId().equals(f.tenant)
                && t.entryPoints().contains(new TenantConfigured.EntryPoint(Channel.VOICE, "+442079460123", "billing")));

        // The same number for another tenant: an address belongs to one entry point only.
        as(f.otherAdmin).body(Map.of("channel", "VOICE", "address", "+442079460123", "queueId", "general"))
                .put("/api/tenants/" + f.otherTenant + "/entry-points")
                .then().statusCode(409).body("detail", containsString("already belongs to another tenant's entry point"));

        as(f.admin).get("/api/tenants/" + f.tenant + "/audit").then().statusCode(200)
                .body("entityType", hasItem("queue")).body("entityType", hasItem("entry-point"))
                .body("find { it.entityId == 'billing' && it.entityType == 'queue' }.actor", equalTo(f.admin))
                .body("find { it.entityId == 'billing' && it.entityType == 'queue' }.after.priority", equalTo(2));
    }

    @Test
    void badChangesGetAFieldLevelReasonAndWriteNothing() {
        as(f.admin).body(queueBody("Mortgages", Map.of("mortgages", 2, "loans", 9)))
                .put("/api/tenants/" + f.tenant + "/queues/mortgages")
                .then().statusCode(400)
                .body("violations.field", hasItem("requiredSkills.mortgages"))
                .body("violations.find { it.field == 'requiredSkills.mortgages' }.message", containsString("unknown skill"))
                .body("violations.find { it.field == 'requiredSkills.loans' }.message", containsString("from 1 to 5"));
        as(f.admin).get("/api/tenants/" + f.tenant + "/queues").then().statusCode(200).body("queueId", not(hasItem("mortgages")));

        as(f.admin).body(Map.of("name", "A", "overflowQueueId", "cycle-b", "maxWaitSeconds", 60, "serviceLevelSeconds", 20,
                "serviceLevelPercent", 80, "offerTimeoutSeconds", 20)).put("/api/tenants/" + f.tenant + "/queues/cycle-a")
                .then().statusCode(400).body("violations[0].message", containsString("no queue 'cycle-b'"));
        as(f.admin).body(Map.of("name", "A", "serviceLevelSeconds", 20, "serviceLevelPercent", 80, "offerTimeoutSeconds", 20))
                .put("/api/tenants/" + f.tenant + "/queues/cycle-a").then().statusCode(200);
        as(f.admin).body(Map.of("name", "B", "overflowQueueId", "cycle-a", "maxWaitSeconds", 60, "serviceLevelSeconds", 20,
                "serviceLevelPercent", 80, "offerTimeoutSeconds", 20)).put("/api/tenants/" + f.tenant + "/queues/cycle-b")
                .then().statusCode(200);
        as(f.admin).body(Map.of("name", "A", "overflowQueueId", "cycle-b", "maxWaitSeconds", 60, "serviceLevelSeconds", 20,
                "serviceLevelPercent", 80, "offerTimeoutSeconds", 20)).put("/api/tenants/" + f.tenant + "/queues/cycle-a")
                .then().statusCode(400)
                .body("violations.find { it.field == 'overflowQueueId' }.message", equalTo("overflow cycle: cycle-a → cycle-b → cycle-a"));

        as(f.admin).body(Map.of("name", "X", "timeZone", "Mars/Olympus", "defaultRegion", "UK",
                        "businessHours", List.of(Map.of("day", "MONDAY", "opens", "18:00", "closes", "08:00"))))
                .put("/api/tenants/" + f.tenant)
                .then().statusCode(400)
                .body("violations.field", hasItem("timeZone")).body("violations.field", hasItem("defaultRegion"))
                .body("violations.find { it.field == 'businessHours[0]' }.message", containsString("closing must be later"));
        as(f.admin).body("{\"name\": ").put("/api/tenants/" + f.tenant).then().statusCode(400)
                .body("detail", containsString("not valid JSON"));
        as(f.admin).get("/api/tenants/" + f.tenant).then().statusCode(200).body("settings.timeZone", equalTo("Europe/London"));

        as(f.admin).body(Map.of("channel", "VOICE", "address", "not a number", "queueId", "general"))
                .put("/api/tenants/" + f.tenant + "/entry-points")
                .then().statusCode(400).body("violations[0].field", equalTo("address"));
        as(f.admin).delete("/api/tenants/" + f.tenant + "/queues/cycle-a").then().statusCode(409)
                .body("detail", containsString("cycle-b overflow to 'cycle-a'"));
    }

    @Test
    void agentsAreKeycloakUsersAndEveryChangeReachesTheConfigTopic() throws Exception {
        String username = "new-" + f.suffix;
        String path = "/api/tenants/" + f.tenant + "/agents/" + username;
        as(f.admin).body(agentBody(List.of(f.tenant), Map.of("billing", 3), "correct-horse-9")).put(path)
                .then().statusCode(200).body("changed", equalTo(true));

        JsonNode user = keycloakUser(username);
        assertThat(user.path("attributes").path("skills").toString()).isEqualTo("[\"billing:3\"]");
        assertThat(user.path("attributes").path("tenants").toString()).isEqualTo("[\"" + f.tenant + "\"]");
        JsonNode roles = JSON.readTree(KeycloakServer.shared().adminRequest("GET", "/users/" + user.path("id").asText()
                + "/role-mappings/realm", null).body());
        assertThat(roles.findValuesAsText("name")).contains("agent");
        assertThat(KeycloakServer.shared().accessToken(username, "correct-horse-9")).isNotBlank();
        await(e -> e instanceof AgentConfigured a && a.agentId().equals(username) && a.active()
                && a.skills().equals(Map.of("billing", 3)));

        as(f.admin).body(agentBody(List.of(f.tenant), Map.of("billing", 3, "loans", 4), null)).put(path)
                .then().statusCode(200).body("changed", equalTo(true));
        // The call returns after the broker acknowledged the snapshot: routing can read it now.
        await(e -> e instanceof AgentConfigured a && a.agentId().equals(username) && a.skills().equals(Map.of("billing", 3, "loans", 4)));
        as(f.supervisor).get("/api/tenants/" + f.tenant + "/agents").then().statusCode(200)
                .body("find { it.username == '" + username + "' }.skills.loans", equalTo(4));

        as(f.admin).body(agentBody(List.of(f.tenant), Map.of("cooking", 3, "billing", 6), null)).put(path)
                .then().statusCode(400)
                .body("violations.find { it.field == 'skills.cooking' }.message", containsString("unknown skill"))
                .body("violations.find { it.field == 'skills.billing' }.message", containsString("from 1 to 5"));
        // Body tampering: giving the agent a tenant the admin does not administer.
        as(f.admin).body(agentBody(List.of(f.tenant, f.otherTenant), Map.of(), null)).put(path).then().statusCode(403);
        // Id guessing from the other tenant's admin.
        as(f.otherAdmin).body(agentBody(List.of(f.otherTenant), Map.of(), "another-pass-1"))
                .put("/api/tenants/" + f.tenant + "/agents/" + username).then().statusCode(403);
        as(f.otherAdmin).body(agentBody(List.of(f.otherTenant), Map.of(), "another-pass-1"))
                .put("/api/tenants/" + f.otherTenant + "/agents/" + username).then().statusCode(409);
        assertThat(keycloakUser(username).path("attributes").path("tenants").toString()).isEqualTo("[\"" + f.tenant + "\"]");

        // An operator disables the user in Keycloak's own console: the reconcile tells routing.
        com.fasterxml.jackson.databind.node.ObjectNode disabled = (com.fasterxml.jackson.databind.node.ObjectNode) keycloakUser(username);
        disabled.put("enabled", false);
        assertThat(KeycloakServer.shared().adminRequest("PUT", "/users/" + user.path("id").asText(), disabled).statusCode()).isEqualTo(204);
        await(e -> e instanceof AgentConfigured a && a.agentId().equals(username) && !a.active());

        as(f.admin).delete(path).then().statusCode(204);
        assertThat(keycloakUsers(username)).isEmpty();
        as(f.admin).get("/api/tenants/" + f.tenant + "/audit").then().statusCode(200)
                .body("find { it.entityId == '" + username + "' && it.action == 'DELETE' }.actor", equalTo(f.admin));
    }

    /** The production realm has a password policy (the local overlay drops it); here it is put back for the test. */
    @Test
    void theRealmsPasswordPolicyIsShownBesideThePasswordAndChangesNothing() throws Exception {
        String username = "policy-" + f.suffix;
        String path = "/api/tenants/" + f.tenant + "/agents/" + username;
        assertThat(realmPasswordPolicy("length(12)")).isEqualTo(204);
        try {
            as(f.admin).body(agentBody(List.of(f.tenant), Map.of("billing", 3), "short-pw1")).put(path).then().statusCode(400)
                    .body("violations.find { it.field == 'password' }.message", containsString("password policy"));
            assertThat(keycloakUsers(username)).as("no user half-created").isEmpty();

            as(f.admin).body(agentBody(List.of(f.tenant), Map.of("billing", 3), "a-long-enough-passphrase")).put(path)
                    .then().statusCode(200);
            Map<String, Object> renamed = agentBody(List.of(f.tenant), Map.of("billing", 3), "short-pw2");
            renamed.put("firstName", "Renamed");
            as(f.admin).body(renamed).put(path).then().statusCode(400)
                    .body("violations.find { it.field == 'password' }.message", containsString("password policy"));
            assertThat(keycloakUser(username).path("firstName").asText()).as("the profile is unchanged").isEqualTo("Nina");
        } finally {
            assertThat(realmPasswordPolicy("")).isEqualTo(204);
            as(f.admin).delete(path);
        }
    }

    private static int realmPasswordPolicy(String policy) {
        return KeycloakServer.shared().adminRequest("PUT", "", Map.of("passwordPolicy", policy)).statusCode();
    }

    @Test
    void theSkillCatalogueGuardsItsSkills() {
        as(f.admin).body(queueBody("Loans", Map.of("loans", 3))).put("/api/tenants/" + f.tenant + "/queues/loans").then().statusCode(200);
        as(f.admin).delete("/api/tenants/" + f.tenant + "/skills/loans").then().statusCode(409)
                .body("detail", containsString("required by queue(s) loans"));
        as(f.supervisor).get("/api/tenants/" + f.tenant + "/skills").then().statusCode(200).body("skillId", hasItem("loans"));
        as(f.admin).body(Map.of("name", "Temporary")).put("/api/tenants/" + f.tenant + "/skills/temp").then().statusCode(200);
        as(f.admin).delete("/api/tenants/" + f.tenant + "/skills/temp").then().statusCode(204);
        as(f.admin).get("/api/tenants/" + f.tenant + "/skills").then().body("skillId", not(hasItem("temp")));
    }

    @Test
    void theStaffingPlannerAndTrunkSizingAnswer() {
        as(f.supervisor).body(Map.of("intervalMinutes", 30, "handleSeconds", 180, "serviceLevelSeconds", 20,
                        "serviceLevelPercent", 80, "shrinkagePercent", 30,
                        "intervals", List.of(Map.of("start", "09:00", "contacts", 100), Map.of("start", "09:30", "contacts", 0))))
                .post("/api/planner/staffing").then().statusCode(200)
                .body("[0].agents", equalTo(14)).body("[0].scheduled", equalTo(20)).body("[1].agents", equalTo(0));
        as(f.admin).body(Map.of("busyHourErlangs", 10, "blockingPercent", 1, "codec", "G711", "packetMillis", 20, "ethernet", true))
                .post("/api/planner/trunk").then().statusCode(200)
                .body("channels", equalTo(18)).body("kbpsPerCall", equalTo(87.2f));
        as(f.admin).body(Map.of("codec", "G711", "packetMillis", 5)).post("/api/planner/trunk").then().statusCode(400)
                .body("violations.field", hasItem("packetMillis")).body("violations.field", hasItem("concurrentCalls"));
        as(f.agent).body(Map.of()).post("/api/planner/trunk").then().statusCode(403);
    }

    /** Routing's queued contacts become the planner's forecast: the same weekday of the previous weeks, averaged. */
    @Test
    void aQueuesForecastIsReadFromTheContactsRoutingQueued() {
        java.util.function.BiConsumer<String, String> queued = (contact, at) -> kafka.publish(new io.switchboard.events.ContactQueued(
                java.util.UUID.randomUUID(), f.tenant, java.time.Instant.parse(at), contact, Channel.CHAT, "general", 0,
                java.time.Instant.parse(at)), java.net.URI.create("/tests/admin-console"));
        queued.accept("c1-" + f.suffix, "2026-11-23T09:05:00Z");
        queued.accept("c1-" + f.suffix, "2026-11-23T09:05:00Z");
        queued.accept("c2-" + f.suffix, "2026-11-23T09:20:00Z");
        queued.accept("c3-" + f.suffix, "2026-11-16T09:07:00Z");
        queued.accept("c4-" + f.suffix, "2026-11-24T09:07:00Z");
        queued.accept("c5-" + f.suffix, "2026-11-09T09:07:00Z");
        String path = "/api/tenants/" + f.tenant + "/queues/general/forecast?date=2026-11-30&weeks=2&intervalMinutes=15";
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> as(f.supervisor).get(path).then().statusCode(200)
                .body("intervals.size()", equalTo(96))
                .body("intervals[36].start", equalTo("09:00:00")).body("intervals[36].contacts", equalTo(1.0f))
                .body("intervals[37].contacts", equalTo(0.5f)).body("intervals[38].contacts", equalTo(0.0f)));
        as(f.supervisor).get("/api/tenants/" + f.tenant + "/queues/general/forecast?date=30-11-2026").then().statusCode(400)
                .body("violations[0].field", equalTo("date"));
        as(f.otherAdmin).get(path).then().statusCode(403);
    }

    @Test
    void theWebAppsSignInSettingsArePublicAndTheApiDocumentIsServed() {
        String keycloak = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("switchboard.admin.browser.keycloak-url", String.class);
        io.restassured.RestAssured.get("/api/config").then().statusCode(200).body("clientId", equalTo("switchboard-desktop"))
                .header("Content-Security-Policy", containsString("connect-src 'self' " + keycloak + ";"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        io.restassured.RestAssured.get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/tenants/{tenantId}/queues/{queueId}"));
        as(f.admin).get("/api/me").then().statusCode(200).body("writable", equalTo(List.of(f.tenant)));
        as(f.supervisor).get("/api/me").then().statusCode(200).body("writable", empty()).body("readable", equalTo(List.of(f.tenant)));
    }

    static Map<String, Object> agentBody(List<String> tenants, Map<String, Integer> skills, String password) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("firstName", "Nina", "lastName", "New", "email",
                "nina-" + tenants.get(0) + "@example.com", "role", "AGENT", "tenants", tenants, "skills", skills,
                "capacity", Map.of("VOICE", 1, "CHAT", 2)));
        if (password != null) {
            body.put("password", password);
        }
        return body;
    }

    private SwitchboardEvent await(java.util.function.Predicate<SwitchboardEvent> matching) {
        return kafka.awaitEvent(Topics.CONFIG, matching, WAIT);
    }

    private static JsonNode keycloakUser(String username) throws Exception {
        JsonNode users = keycloakUsers(username);
        assertThat(users).hasSize(1);
        return users.get(0);
    }

    private static JsonNode keycloakUsers(String username) throws Exception {
        return JSON.readTree(KeycloakServer.shared().adminRequest("GET", "/users?exact=true&briefRepresentation=false&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null).body());
    }
}
