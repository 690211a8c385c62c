package io.switchboard.campaigns;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.testing.endpoints.AuthorizationMatrix;
import io.switchboard.testing.endpoints.AuthorizationMatrix.Caller;
import io.switchboard.testing.endpoints.ServedEndpoints;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every endpoint as anonymous, an agent, a supervisor, another tenant's supervisor and an admin, with real
 * Keycloak tokens, on an acme-bank preview campaign. The endpoints come from the module's compiled resource
 * classes: a new endpoint without a row fails the test. Requests that would change something are shaped so that
 * an allowed caller gets a deterministic refusal of the content (400, 404) rather than a change.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "campaignsauth"))
@WithTestResource(KeycloakResource.class)
class AuthorizationMatrixTest {

    private static final int OK = 200;
    private static final String ENDPOINT = "/api/campaigns/tenants/{tenant}";
    private static final String ACME = "/api/campaigns/tenants/acme-bank";
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";

    @Inject
    Directory directory;
    @Inject
    SettableClock clock;
    @TestHTTPResource("/")
    URI base;

    private String campaignId;
    private AuthorizationMatrix matrix;

    @BeforeEach
    void setUp() {
        CampaignsTestSupport.configure(directory);
        clock.set(CampaignsTestSupport.NOON);
        if (campaignId == null) {
            campaignId = CampaignsTestSupport.create(CampaignsTestSupport.campaign("matrix", Map.of("mode", "PREVIEW")));
            CampaignsTestSupport.list(campaignId, "phone\n+447911160001\n+447911160002\n");
            CampaignsTestSupport.start(campaignId);
        }
        String c = "/campaigns";
        String id = c + "/{id}";
        String dnc = "/do-not-call";
        // alice: agent of acme-bank in the sales queue; sam: its supervisor; gina: globex-travel's supervisor; ada: admin of both.
        matrix = new AuthorizationMatrix(base, path -> path.replace("{id}", campaignId).replace("{other}", UUID.randomUUID().toString()),
                Caller.anonymous(), Caller.user("agent", "alice"), Caller.user("supervisor", "sam"),
                Caller.user("other tenant's supervisor", "gina"), Caller.user("admin", "ada"))
                .row("GET", ENDPOINT + c, ACME + c, null, 401, OK, OK, 403, OK)
                .row("POST", ENDPOINT + c, ACME + c, JSON, "{\"name\":\"\"}", 401, 403, 400, 403, 400)
                .row("GET", ENDPOINT + id, ACME + id, null, 401, OK, OK, 403, OK)
                .row("PUT", ENDPOINT + id, ACME + id, JSON, "{\"name\":\"\"}", 401, 403, 400, 403, 400)
                .row("PUT", ENDPOINT + id + "/list", ACME + id + "/list", CSV, "name\nAnn\n", 401, 403, 400, 403, 400)
                .row("POST", ENDPOINT + id + "/records", ACME + id + "/records", JSON, "[]", 401, 403, 400, 403, 400)
                .row("GET", ENDPOINT + id + "/records", ACME + id + "/records", null, 401, 403, OK, 403, OK)
                .row("POST", ENDPOINT + id + "/start", ACME + c + "/{other}/start", null, 401, 403, 404, 403, 404)
                .row("POST", ENDPOINT + id + "/pause", ACME + c + "/{other}/pause", null, 401, 403, 404, 403, 404)
                .row("POST", ENDPOINT + id + "/stop", ACME + c + "/{other}/stop", null, 401, 403, 404, 403, 404)
                .row("GET", ENDPOINT + id + "/results", ACME + id + "/results", null, 401, 403, OK, 403, OK)
                .row("POST", ENDPOINT + id + "/preview/next", ACME + id + "/preview/next", null, 401, OK, 403, 403, 403)
                .row("POST", ENDPOINT + id + "/records/{recordId}/call", ACME + id + "/records/{other}/call", null, 401, 404, 403, 403, 403)
                .row("POST", ENDPOINT + id + "/records/{recordId}/skip", ACME + id + "/records/{other}/skip", null, 401, 404, 403, 403, 403)
                .row("GET", ENDPOINT + dnc, ACME + dnc, null, 401, 403, OK, 403, OK)
                .row("POST", ENDPOINT + dnc, ACME + dnc, CSV, "name\nAnn\n", 401, 403, 400, 403, 400)
                .row("GET", ENDPOINT + dnc + "/{number}", ACME + dnc + "/+447911169999", null, 401, 403, 404, 403, 404)
                .row("PUT", ENDPOINT + dnc + "/{number}", ACME + dnc + "/123", null, 401, 403, 400, 403, 400)
                .row("DELETE", ENDPOINT + dnc + "/{number}", ACME + dnc + "/+447911169999", null, 401, 403, 404, 403, 404);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void everyEndpointHasARow() {
        assertThat(ServedEndpoints.ofThisModule()).as("endpoints of the resource classes, each needs a row")
                .isEqualTo(matrix.endpoints());
    }

    @Test
    void everyCallerGetsWhatTheirRoleAndTenantsAllow() {
        assertThat(matrix.mismatches()).isEmpty();
    }

    @Test
    void anAgentOfAnotherTenantOrOutsideTheQueueIsRefused() {
        String campaign = ACME + "/campaigns/" + campaignId;
        as("dave").get(campaign).then().statusCode(403);
        as("dave").post(campaign + "/preview/next").then().statusCode(403);
        // bob serves acme-bank but lacks the sales queue's skill.
        as("bob").post(campaign + "/preview/next").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("not in queue sales"));
        as("bob").get(campaign).then().statusCode(OK);
    }

    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = ACME + "/campaigns";
        given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get(path).then().statusCode(401);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }
}
