package io.switchboard.campaigns;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.campaigns.api.CampaignResource;
import io.switchboard.campaigns.api.DoNotCallResource;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every endpoint as anonymous, an agent, a supervisor, another tenant's supervisor and an admin, with real
 * Keycloak tokens, on an acme-bank preview campaign. The endpoints come from the resource classes: a new
 * endpoint without a row fails the test. Requests that would change something are shaped so that an allowed
 * caller gets a deterministic refusal of the content (400, 404) rather than a change.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "campaignsauth"))
@WithTestResource(KeycloakResource.class)
class AuthorizationMatrixTest {

    private record Row(String method, String path, String contentType, String body, int anonymous, int agent, int supervisor,
            int otherSupervisor, int admin) {
    }

    private static final int OK = 200;
    private static final String ROOT = "/api/campaigns/tenants/{tenant}";

    @Inject
    Directory directory;
    @Inject
    SettableClock clock;

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private String campaignId;

    @BeforeEach
    void setUp() {
        CampaignsTestSupport.configure(directory);
        clock.set(CampaignsTestSupport.NOON);
        if (campaignId == null) {
            campaignId = CampaignsTestSupport.create(CampaignsTestSupport.campaign("matrix", Map.of("mode", "PREVIEW")));
            CampaignsTestSupport.list(campaignId, "phone\n+447911160001\n+447911160002\n");
            CampaignsTestSupport.start(campaignId);
        }
        rows.clear();
        String json = "application/json";
        String csv = "text/csv";
        // alice: agent of acme-bank in the sales queue; sam: its supervisor; gina: globex-travel's supervisor; ada: admin of both.
        row("GET", "/campaigns", null, null, 401, OK, OK, 403, OK);
        row("POST", "/campaigns", json, "{\"name\":\"\"}", 401, 403, 400, 403, 400);
        row("GET", "/campaigns/{id}", null, null, 401, OK, OK, 403, OK);
        row("PUT", "/campaigns/{id}", json, "{\"name\":\"\"}", 401, 403, 400, 403, 400);
        row("PUT", "/campaigns/{id}/list", csv, "name\nAnn\n", 401, 403, 400, 403, 400);
        row("POST", "/campaigns/{id}/records", json, "[]", 401, 403, 400, 403, 400);
        row("GET", "/campaigns/{id}/records", null, null, 401, 403, OK, 403, OK);
        row("POST", "/campaigns/{other}/start", null, null, 401, 403, 404, 403, 404);
        row("POST", "/campaigns/{other}/pause", null, null, 401, 403, 404, 403, 404);
        row("POST", "/campaigns/{other}/stop", null, null, 401, 403, 404, 403, 404);
        row("GET", "/campaigns/{id}/results", null, null, 401, 403, OK, 403, OK);
        row("POST", "/campaigns/{id}/preview/next", null, null, 401, OK, 403, 403, 403);
        row("POST", "/campaigns/{id}/records/{other}/call", null, null, 401, 404, 403, 403, 403);
        row("POST", "/campaigns/{id}/records/{other}/skip", null, null, 401, 404, 403, 403, 403);
        row("GET", "/do-not-call", null, null, 401, 403, OK, 403, OK);
        row("POST", "/do-not-call", csv, "name\nAnn\n", 401, 403, 400, 403, 400);
        row("GET", "/do-not-call/{number}", null, null, 401, 403, 404, 403, 404);
        row("PUT", "/do-not-call/{number}", null, null, 401, 403, 400, 403, 400);
        row("DELETE", "/do-not-call/{number}", null, null, 401, 403, 404, 403, 404);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private void row(String method, String path, String contentType, String body, int anonymous, int agent, int supervisor,
            int otherSupervisor, int admin) {
        rows.put(method + " " + ROOT + path, new Row(method, ROOT + path, contentType, body, anonymous, agent, supervisor,
                otherSupervisor, admin));
    }

    @Test
    void everyEndpointHasARow() {
        TreeSet<String> served = new TreeSet<>();
        for (Class<?> resource : List.of(CampaignResource.class, DoNotCallResource.class)) {
            String root = "/api" + resource.getAnnotation(Path.class).value().replace("{tenant}", "{tenant}");
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                        : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb != null) {
                    Path path = method.getAnnotation(Path.class);
                    served.add(verb + " " + root + (path == null ? "" : path.value()));
                }
            }
        }
        TreeSet<String> listed = new TreeSet<>();
        rows.keySet().forEach(k -> listed.add(k.replace("{other}/start", "{id}/start").replace("{other}/pause", "{id}/pause")
                .replace("{other}/stop", "{id}/stop").replace("records/{other}", "records/{recordId}")));
        assertThat(served).as("endpoints without a row").isEqualTo(listed);
    }

    @Test
    void everyCallerGetsWhatTheirRoleAndTenantsAllow() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            check(failures, row, "anonymous", given(), row.anonymous());
            check(failures, row, "agent alice", as("alice"), row.agent());
            check(failures, row, "supervisor sam", as("sam"), row.supervisor());
            check(failures, row, "other tenant's supervisor gina", as("gina"), row.otherSupervisor());
            check(failures, row, "admin ada", as("ada"), row.admin());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anAgentOfAnotherTenantOrOutsideTheQueueIsRefused() {
        String campaign = ROOT.replace("{tenant}", "acme-bank") + "/campaigns/" + campaignId;
        as("dave").get(campaign).then().statusCode(403);
        as("dave").post(campaign + "/preview/next").then().statusCode(403);
        // bob serves acme-bank but lacks the sales queue's skill.
        as("bob").post(campaign + "/preview/next").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("not in queue sales"));
        as("bob").get(campaign).then().statusCode(OK);
    }

    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = ROOT.replace("{tenant}", "acme-bank") + "/campaigns";
        given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get(path).then().statusCode(401);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private void check(List<String> failures, Row row, String who, RequestSpecification request, int expected) {
        String path = row.path().replace("{tenant}", "acme-bank").replace("{id}", campaignId)
                .replace("{other}", UUID.randomUUID().toString()).replace("{number}", row.method().equals("PUT") ? "123" : "+447911169999");
        if (row.contentType() != null) {
            request.contentType(row.contentType()).body(row.body());
        }
        Response response = request.request(row.method(), path);
        if (response.statusCode() != expected) {
            failures.add(row.method() + " " + path + " as " + who + ": " + response.statusCode() + " (expected " + expected + ") "
                    + response.asString());
        }
    }
}
