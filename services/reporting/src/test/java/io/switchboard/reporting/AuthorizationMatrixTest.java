package io.switchboard.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.endpoints.AuthorizationMatrix;
import io.switchboard.testing.endpoints.AuthorizationMatrix.Caller;
import io.switchboard.testing.endpoints.ServedEndpoints;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every endpoint as anonymous, an agent, a supervisor and an admin of acme-bank, and an agent, a supervisor and an
 * admin of globex-travel, with real Keycloak tokens, on acme-bank's recorded day and one of its schedules. The
 * endpoints come from the module's compiled resource classes: a new endpoint, in a new class too, without a row fails
 * the test. Writes are shaped so that an allowed caller gets a deterministic refusal (400, 404) rather than a change.
 * Health and metrics are served under /q (management, no tenant data), not /api, so they have no rows.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "reportingauth"))
@WithTestResource(KeycloakResource.class)
class AuthorizationMatrixTest {

    private static final int OK = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DAY = "from=2026-12-01&to=2026-12-02";
    private static final String ACME = "/api/reports/tenants/acme-bank";
    private static final String GLOBEX = "/api/reports/tenants/globex-travel";
    /** An admin of globex-travel alone: the realm's admin (ada) serves both tenants. */
    private static final String OTHER_ADMIN = "admin-globex-" + UUID.randomUUID().toString().substring(0, 8);

    private static String acmeSchedule;
    private static String globexSchedule;

    @TestHTTPResource("/")
    URI base;

    private AuthorizationMatrix matrix;

    @BeforeEach
    void setUp() {
        if (acmeSchedule == null) {
            KeycloakServer.shared().createUser(OTHER_ADMIN, List.of("admin"), List.of("globex-travel"));
            try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
                for (byte[] record : Fixture.records()) {
                    SwitchboardEvent event = ((DecodeResult.Decoded) EventCodec.decode(record)).event();
                    kafka.send(EventType.of(event).topic(), event.subject(), record, Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
                }
            }
            await().atMost(WAIT).untilAsserted(() -> {
                as("sam").get(ACME + "/agents?" + DAY).then().statusCode(OK).body("rows.agent", hasItem("alice"));
                as("gina").get(GLOBEX + "/agents?" + DAY).then().statusCode(OK).body("rows.agent", hasItem("dave"));
            });
            acmeSchedule = schedule("sam", ACME, "board@acme-client.example");
            globexSchedule = schedule("gina", GLOBEX, "board@globex-client.example");
        }
        String s = "/schedules";
        String endpoint = "/api/reports/tenants/{tenant}";
        // alice: agent of acme-bank; sam: its supervisor; ada: admin of both tenants; dave, gina: globex-travel's agent
        // and supervisor; OTHER_ADMIN: globex-travel's admin.
        matrix = new AuthorizationMatrix(base, path -> path.replace("{id}", acmeSchedule).replace("{other}", UUID.randomUUID().toString()),
                Caller.anonymous(), Caller.user("agent", "alice"), Caller.user("supervisor", "sam"), Caller.user("admin", "ada"),
                Caller.user("other tenant's agent", "dave"), Caller.user("other tenant's supervisor", "gina"),
                Caller.user("other tenant's admin", OTHER_ADMIN))
                .row("GET", endpoint + "/queues", ACME + "/queues?" + DAY, null, 401, 403, OK, OK, 403, 403, 403)
                .row("GET", endpoint + "/agents", ACME + "/agents?" + DAY, null, 401, 403, OK, OK, 403, 403, 403)
                .row("GET", endpoint + "/channels", ACME + "/channels?" + DAY, null, 401, 403, OK, OK, 403, 403, 403)
                .row("GET", endpoint + s, ACME + s, null, 401, 403, OK, OK, 403, 403, 403)
                .row("GET", endpoint + s + "/{id}", ACME + s + "/{id}", null, 401, 403, OK, OK, 403, 403, 403)
                // No frequency, time, views, format or recipients: 400 field by field.
                .row("PUT", endpoint + s + "/{id}", ACME + s + "/{id}", "{}", 401, 403, 400, 400, 403, 403, 403)
                .row("DELETE", endpoint + s + "/{id}", ACME + s + "/{other}", null, 401, 403, 404, 404, 403, 403, 403)
                .row("GET", endpoint + s + "/{id}/deliveries", ACME + s + "/{id}/deliveries", null, 401, 403, OK, OK, 403, 403, 403);
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

    /** A filter naming another tenant's queue or agent finds nothing of theirs in the caller's own report. */
    @Test
    void aFilterNamingAnotherTenantsQueueOrAgentFindsNothing() {
        as("sam").get(ACME + "/queues?queue=support&" + DAY).then().statusCode(OK).body("rows.size()", equalTo(0));
        as("sam").get(ACME + "/agents?agent=dave&" + DAY).then().statusCode(OK).body("rows.size()", equalTo(0));
        as("sam").get(ACME + "/queues?" + DAY).then().statusCode(OK).body("rows.size()", greaterThan(0))
                .body("rows.queue", not(hasItem("support")));
        for (String outsider : List.of("gina", OTHER_ADMIN)) {
            as(outsider).get(GLOBEX + "/queues?queue=billing&" + DAY).then().statusCode(OK).body("rows.size()", equalTo(0));
            as(outsider).get(GLOBEX + "/agents?agent=alice&" + DAY).then().statusCode(OK).body("rows.size()", equalTo(0));
            as(outsider).get(GLOBEX + "/agents?" + DAY).then().statusCode(OK).body("rows.agent", everyItem(equalTo("dave")));
        }
        // ada serves both: each report is still the named tenant's alone.
        as("ada").get(GLOBEX + "/queues?queue=billing&" + DAY).then().statusCode(OK).body("rows.size()", equalTo(0));
    }

    /** Another tenant's schedule id under the caller's own tenant is as unknown as a missing one, and stays as it was. */
    @Test
    void anotherTenantsScheduleIdIsUnknownAndUnchanged() {
        as("sam").get(ACME + "/schedules/" + globexSchedule).then().statusCode(404);
        as("sam").get(ACME + "/schedules/" + globexSchedule + "/deliveries").then().statusCode(404);
        as("sam").delete(ACME + "/schedules/" + globexSchedule).then().statusCode(404);
        as("sam").contentType(ContentType.JSON).body(scheduleBody("thief@acme-client.example"))
                .put(ACME + "/schedules/" + globexSchedule).then().statusCode(409);
        as("sam").get(ACME + "/schedules").then().statusCode(OK).body("id", not(hasItem(globexSchedule)));
        as("gina").get(GLOBEX + "/schedules/" + globexSchedule).then().statusCode(OK)
                .body("recipients", equalTo(List.of("board@globex-client.example")));
        as(OTHER_ADMIN).get(GLOBEX + "/schedules/" + acmeSchedule).then().statusCode(404);
        as(OTHER_ADMIN).get(GLOBEX + "/schedules").then().statusCode(OK).body("id", not(hasItem(acmeSchedule)));
    }

    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get(ACME + "/queues?" + DAY).then()
                .statusCode(401);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    // ---------------------------------------------------------------- fixtures

    private static String schedule(String supervisor, String tenantPath, String recipient) {
        String id = UUID.randomUUID().toString();
        as(supervisor).contentType(ContentType.JSON).body(scheduleBody(recipient)).put(tenantPath + "/schedules/" + id).then()
                .statusCode(201);
        return id;
    }

    private static Map<String, Object> scheduleBody(String recipient) {
        return Map.of("name", "Matrix", "frequency", "DAILY", "sendAt", "07:00", "views", List.of("queues"), "format", "XLSX",
                "recipients", List.of(recipient));
    }
}
