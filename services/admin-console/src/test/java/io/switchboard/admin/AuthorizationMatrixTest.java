package io.switchboard.admin;

import static io.restassured.RestAssured.given;
import static io.switchboard.admin.ConsoleFixture.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every endpoint of the console as anonymous, agent, supervisor, admin of another tenant and admin
 * of the tenant, with real tokens. The endpoints come from the served OpenAPI document: a new
 * endpoint without a row here fails the test.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "admin"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(KeycloakAdminClientResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    /** What each caller gets: a status, or OK for any 2xx (or 404/409 where the body names something absent or taken). */
    private record Row(String method, String path, int anonymous, int agent, int supervisor, int otherAdmin, int admin) {
    }

    private static final int OK = 200;
    private static final int PUBLIC = -1;

    private ConsoleFixture f;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    /** Once per class, but after Quarkus has pointed REST Assured at the app (it does so before each test). */
    @BeforeEach
    void setUp() {
        if (f != null) {
            return;
        }
        f = new ConsoleFixture();
        f.createTenants();
        String t = "/api/tenants/{tenantId}";
        row("GET", "/api/config", PUBLIC, PUBLIC, PUBLIC, PUBLIC, PUBLIC);
        row("GET", "/api/events", PUBLIC, PUBLIC, PUBLIC, PUBLIC, PUBLIC);
        row("GET", "/api/events/schemas/{name}", PUBLIC, PUBLIC, PUBLIC, PUBLIC, PUBLIC);
        row("GET", "/api/events/asyncapi.yaml", PUBLIC, PUBLIC, PUBLIC, PUBLIC, PUBLIC);
        row("GET", "/api/me", 401, 403, OK, OK, OK);
        row("GET", "/api/tenants", 401, 403, OK, OK, OK);
        row("GET", t, 401, 403, OK, 403, OK);
        row("PUT", t, 401, 403, 403, 403, OK);
        row("GET", t + "/skills", 401, 403, OK, 403, OK);
        row("PUT", t + "/skills/{skillId}", 401, 403, 403, 403, OK);
        row("DELETE", t + "/skills/{skillId}", 401, 403, 403, 403, OK);
        row("GET", t + "/queues", 401, 403, OK, 403, OK);
        row("GET", t + "/queues/{queueId}", 401, 403, OK, 403, OK);
        row("PUT", t + "/queues/{queueId}", 401, 403, 403, 403, OK);
        row("GET", t + "/queues/{queueId}/forecast", 401, 403, OK, 403, OK);
        row("DELETE", t + "/queues/{queueId}", 401, 403, 403, 403, OK);
        row("GET", t + "/entry-points", 401, 403, OK, 403, OK);
        row("PUT", t + "/entry-points", 401, 403, 403, 403, OK);
        row("DELETE", t + "/entry-points/{channel}/{address}", 401, 403, 403, 403, OK);
        row("GET", t + "/agents", 401, 403, OK, 403, OK);
        row("GET", t + "/agents/{username}", 401, 403, OK, 403, OK);
        row("PUT", t + "/agents/{username}", 401, 403, 403, 403, OK);
        row("DELETE", t + "/agents/{username}", 401, 403, 403, 403, OK);
        row("GET", t + "/prompts", 401, 403, OK, 403, OK);
        row("PUT", t + "/prompts/{name}", 401, 403, 403, 403, OK);
        row("GET", t + "/prompts/{name}/audio", 401, 403, OK, 403, OK);
        row("DELETE", t + "/prompts/{name}", 401, 403, 403, 403, OK);
        row("GET", t + "/phones", 401, 403, OK, 403, OK);
        row("PUT", t + "/phones/{username}", 401, 403, 403, 403, OK);
        row("DELETE", t + "/phones/{username}", 401, 403, 403, 403, OK);
        row("GET", t + "/audit", 401, 403, OK, 403, OK);
        row("POST", "/api/planner/staffing", 401, 403, OK, OK, OK);
        row("POST", "/api/planner/trunk", 401, 403, OK, OK, OK);
    }

    private void row(String method, String path, int anonymous, int agent, int supervisor, int otherAdmin, int admin) {
        rows.put(method + " " + path, new Row(method, path, anonymous, agent, supervisor, otherAdmin, admin));
    }

    @Test
    void everyEndpointOfTheOpenApiDocumentHasARow() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString()).path("paths");
        TreeSet<String> served = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> served.add(method.toUpperCase() + " " + path.getKey()));
        }
        assertThat(served).as("endpoints without a row in the authorization matrix").isSubsetOf(rows.keySet());
        assertThat(rows.keySet()).as("rows for endpoints that are not served").isSubsetOf(served);
    }

    @Test
    void everyCallerGetsWhatTheirRoleAndTenantsAllow() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            check(failures, row, "anonymous", given().contentType(ContentType.JSON), row.anonymous());
            check(failures, row, "agent", as(f.agent), row.agent());
            check(failures, row, "supervisor", as(f.supervisor), row.supervisor());
            check(failures, row, "other tenant's admin", as(f.otherAdmin), row.otherAdmin());
            check(failures, row, "admin", as(f.admin), row.admin());
        }
        assertThat(failures).isEmpty();
    }

    private void check(List<String> failures, Row row, String who, RequestSpecification request, int expected) {
        String path = row.path().replace("{tenantId}", f.tenant).replace("{skillId}", "matrix-skill")
                .replace("{queueId}", "matrix-queue").replace("{channel}", "CHAT").replace("{address}", "matrix-widget")
                .replace("{username}", "matrix-" + f.suffix)
                .replace("{name}", row.path().startsWith("/api/events") ? "io.switchboard.contact.created.v1" : "matrix-prompt");
        if (row.method().equals("PUT") && row.path().endsWith("/prompts/{name}")) {
            // A second of silence as raw 8 kHz μ-law.
            request.contentType("audio/basic").body(new byte[8000]);
        } else {
            request.body(body(row));
        }
        Response response = request.request(row.method(), path);
        int status = response.statusCode();
        boolean ok = switch (expected) {
            case PUBLIC -> status == 200;
            case OK -> status / 100 == 2 || status == 404 || status == 409 || status == 400;
            default -> status == expected;
        };
        // An allowed call may still fail for its data (400/404/409), but never with 401/403/5xx.
        if (!ok || expected == OK && (status == 401 || status == 403 || status >= 500)) {
            failures.add(row.method() + " " + path + " as " + who + ": " + status + " (expected "
                    + (expected == OK ? "allowed" : expected == PUBLIC ? "200" : expected) + ") " + response.asString());
        }
    }

    /** A body each write accepts, so an allowed call succeeds rather than failing validation. */
    private Object body(Row row) {
        if (row.method().equals("GET") || row.method().equals("DELETE")) {
            return "";
        }
        if (row.path().endsWith("/skills/{skillId}")) {
            return Map.of("name", "Matrix");
        }
        if (row.path().endsWith("/queues/{queueId}")) {
            return ConsoleFixture.queueBody("Matrix", Map.of());
        }
        if (row.path().endsWith("/entry-points")) {
            return Map.of("channel", "CHAT", "address", "matrix-widget-" + f.suffix, "queueId", "general");
        }
        if (row.path().endsWith("/agents/{username}")) {
            return AdminConsoleServiceTest.agentBody(List.of(f.tenant), Map.of(), "matrix-password-1");
        }
        if (row.path().endsWith("/phones/{username}")) {
            return Map.of("password", "a long phone password");
        }
        if (row.path().endsWith("/planner/trunk")) {
            return Map.of("concurrentCalls", 10, "codec", "G729", "packetMillis", 20);
        }
        if (row.path().endsWith("/planner/staffing")) {
            return Map.of("intervalMinutes", 15, "handleSeconds", 300, "serviceLevelSeconds", 20, "serviceLevelPercent", 80,
                    "shrinkagePercent", 0, "intervals", List.of(Map.of("start", "09:00", "contacts", 20)));
        }
        return ConsoleFixture.tenantBody("Tenant " + f.tenant);
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/tenants/acme-bank/agents";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("ada")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("ada")).get(path)
                .then().statusCode(401);
    }
}
