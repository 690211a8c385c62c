package io.switchboard.customer360;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
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
 * admin of globex-travel, with real Keycloak tokens, on an acme-bank customer. The endpoints come from the module's
 * compiled resource classes: a new endpoint, in a new class too, without a row fails the test. Writes are shaped so
 * that an allowed caller gets a deterministic refusal of the content (400, 404, 409) rather than a change; the one
 * change is the admin's erasure of a customer kept for it. Health and metrics are served under /q (management, no
 * tenant data), not /api, so they have no rows.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "customer360auth"))
@WithTestResource(KeycloakResource.class)
class AuthorizationMatrixTest {

    private static final int OK = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACME = "acme-bank";
    private static final String GLOBEX = "globex-travel";
    private static final URI SOURCE = URI.create("/tests/customer360-authorization");
    /** An admin of globex-travel alone: the realm's admin (ada) serves both tenants. */
    private static final String OTHER_ADMIN = "admin-globex-" + UUID.randomUUID().toString().substring(0, 8);

    private static String mobile;
    private static String customer;
    private static String erasable;
    private static String globexMobile;
    private static String globexCustomer;
    private static String suggestion;

    @TestHTTPResource("/")
    URI base;

    private AuthorizationMatrix matrix;

    @BeforeEach
    void setUp() {
        if (customer == null) {
            KeycloakServer.shared().createUser(OTHER_ADMIN, List.of("admin"), List.of(GLOBEX));
            try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
                publish(kafka, new TenantConfigured(UUID.randomUUID(), ACME, now(), "Acme Bank", "Europe/London", "GB", "demo",
                        "general", List.of()));
                publish(kafka, new TenantConfigured(UUID.randomUUID(), GLOBEX, now(), "Globex Travel", "Europe/London", "GB",
                        "demo", "general", List.of()));
                mobile = randomMobile();
                customer = customerOf(kafka, ACME, mobile, "sam");
                erasable = customerOf(kafka, ACME, randomMobile(), "sam");
                globexMobile = randomMobile();
                globexCustomer = customerOf(kafka, GLOBEX, globexMobile, "gina");
                suggestion = suggestion(kafka);
            }
        }
        String c = "/api/customers";
        String noChange = "{\"customerId\":\"{id}\",\"reason\":\"authorization matrix\"}";
        // alice: agent of acme-bank; sam: its supervisor; dave, gina: globex-travel's agent and supervisor; OTHER_ADMIN:
        // globex-travel's admin; ada: admin of both tenants, last, as the admin's erasure is the one change the matrix makes.
        matrix = new AuthorizationMatrix(base, path -> path.replace("{mobile}", mobile).replace("{id}", customer)
                .replace("{erasable}", erasable).replace("{other}", UUID.randomUUID().toString()),
                Caller.anonymous(), Caller.user("agent", "alice"), Caller.user("supervisor", "sam"),
                Caller.user("other tenant's agent", "dave"), Caller.user("other tenant's supervisor", "gina"),
                Caller.user("other tenant's admin", OTHER_ADMIN), Caller.user("admin", "ada"))
                .row("GET", c, c + "?identifier=phone:{mobile}&tenant=acme-bank", null, 401, OK, OK, 403, 403, 403, OK)
                .row("GET", c + "/{id}", 401, OK, OK, 404, 404, 404, OK)
                // Nothing to change: 400 once the customer is found.
                .row("PATCH", c + "/{id}", "{}", 401, 400, 400, 404, 404, 404, 400)
                // A customer into itself, a root out of its own group: 409 once both are found.
                .row("POST", c + "/{id}/merge", noChange, 401, 403, 409, 403, 404, 404, 409)
                .row("POST", c + "/{id}/unmerge", noChange, 401, 403, 409, 403, 404, 404, 409)
                .row("GET", c + "/{id}/timeline", 401, OK, OK, 404, 404, 404, OK)
                .row("GET", c + "/{id}/export", 401, 403, OK, 403, 404, 404, OK)
                .row("DELETE", c + "/{id}", c + "/{erasable}", null, 401, 403, 403, 403, 403, 404, 204)
                .row("GET", "/api/merge-suggestions", "/api/merge-suggestions?tenant=acme-bank", null, 401, OK, OK, 403, 403, 403, OK)
                .row("POST", "/api/merge-suggestions/{id}/dismiss", "/api/merge-suggestions/{other}/dismiss", null,
                        401, 403, 404, 403, 404, 404, 404);
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
    void anotherTenantsIdentifierOrTenantFilterFindsNothing() {
        // The same number looked up in the caller's own tenant: a customer of theirs or none, never acme-bank's.
        as("gina").queryParam("identifier", "phone:" + mobile).get("/api/customers").then().statusCode(OK)
                .body("id", not(hasItem(customer)));
        as("gina").queryParam("identifier", "phone:" + mobile).queryParam("tenant", ACME).get("/api/customers").then()
                .statusCode(403);
        as("sam").queryParam("identifier", "phone:" + globexMobile).get("/api/customers").then().statusCode(OK)
                .body("id", not(hasItem(globexCustomer)));
        as("sam").get("/api/customers/{id}", globexCustomer).then().statusCode(404);
        // ada serves both, so she must name one.
        as("ada").queryParam("identifier", "phone:" + mobile).get("/api/customers").then().statusCode(400);
        as(OTHER_ADMIN).get("/api/merge-suggestions").then().statusCode(OK).body("id", not(hasItem(suggestion)));
        as(OTHER_ADMIN).queryParam("tenant", ACME).get("/api/merge-suggestions").then().statusCode(403);
    }

    @Test
    void anotherTenantChangesNothing() {
        as("gina").contentType(ContentType.JSON).body(Map.of("displayName", "Changed by globex"))
                .patch("/api/customers/{id}", customer).then().statusCode(404);
        as("gina").contentType(ContentType.JSON).body(Map.of("customerId", globexCustomer, "reason", "tamper"))
                .post("/api/customers/{id}/merge", customer).then().statusCode(404);
        as(OTHER_ADMIN).delete("/api/customers/{id}", customer).then().statusCode(404);
        as(OTHER_ADMIN).post("/api/merge-suggestions/{id}/dismiss", suggestion).then().statusCode(404);
        // ada serves both tenants, yet their customers stay apart.
        as("ada").contentType(ContentType.JSON).body(Map.of("customerId", globexCustomer, "reason", "tamper"))
                .post("/api/customers/{id}/merge", customer).then().statusCode(409);

        as("sam").get("/api/customers/{id}", customer).then().statusCode(OK)
                .body("displayName", not(equalTo("Changed by globex"))).body("mergedCustomerIds", equalTo(List.of()));
        as("sam").get("/api/merge-suggestions").then().statusCode(OK).body("id", hasItem(suggestion));
    }

    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get("/api/customers/{id}", customer).then()
                .statusCode(401);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    // ---------------------------------------------------------------- fixtures

    /** Until the tenant's configuration (its region, for national numbers) is in, a lookup is a 400. */
    private static String customerOf(KafkaTestClient kafka, String tenant, String national, String supervisor) {
        publish(kafka, contact(tenant, Channel.SMS, Address.phone(national, "GB"), Map.of()));
        return await().atMost(WAIT).ignoreExceptions().until(() -> as(supervisor).queryParam("identifier", "phone:" + national)
                .get("/api/customers").then().statusCode(OK).extract().jsonPath().getString("[0].id"), id -> id != null);
    }

    /** An open acme-bank suggestion: a chat visitor typed a known number and a known address of two customers. */
    private static String suggestion(KafkaTestClient kafka) {
        String national = randomMobile();
        String email = "matrix-" + UUID.randomUUID() + "@example.com";
        String byPhone = customerOf(kafka, ACME, national, "sam");
        publish(kafka, contact(ACME, Channel.EMAIL, Address.email(email), Map.of()));
        String byEmail = await().atMost(WAIT).ignoreExceptions().until(() -> as("sam").queryParam("identifier", "email:" + email)
                .get("/api/customers").then().statusCode(OK).extract().jsonPath().getString("[0].id"), id -> id != null);
        publish(kafka, contact(ACME, Channel.CHAT, Address.chatVisitor("v-" + UUID.randomUUID()),
                Map.of("phone", national, "email", email)));
        return await().atMost(WAIT).ignoreExceptions().until(() -> {
            List<Map<String, Object>> open = as("sam").get("/api/merge-suggestions").then().statusCode(OK).extract().jsonPath()
                    .getList("");
            return open.stream().filter(s -> List.of(byPhone, byEmail).containsAll(List.of(s.get("customerId"), s.get("otherCustomerId"))))
                    .map(s -> (String) s.get("id")).findFirst().orElse(null);
        }, id -> id != null);
    }

    private static ContactCreated contact(String tenant, Channel channel, Address from, Map<String, String> hints) {
        return new ContactCreated(UUID.randomUUID(), tenant, now(), "c-" + UUID.randomUUID(), channel, Direction.INBOUND, "entry",
                from, null, hints, "subject", "first words", List.of(), "en", 0, Map.of());
    }

    private static void publish(KafkaTestClient kafka, SwitchboardEvent event) {
        kafka.send(EventType.of(event).topic(), event.subject(), EventCodec.encode(event, SOURCE),
                Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
    }

    /** A UK mobile number nobody else in the run uses, in national format. */
    private static String randomMobile() {
        return "07400" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
