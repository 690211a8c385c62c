package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;
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
 * admin of globex-travel, with real Keycloak tokens, over acme-bank's queue with a waiting contact. The endpoints
 * come from the module's compiled resource classes: a new endpoint, in a new class too, without a row fails the
 * test. Health and metrics are served under /q (management, no tenant data), not /api, so they have no rows.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "routingauth"))
@WithTestResource(KeycloakResource.class)
class AuthorizationMatrixTest {

    private static final int OK = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACME = "acme-bank";
    private static final String GLOBEX = "globex-travel";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    /** acme-bank's alone. */
    private static final String ACME_QUEUE = "matrix-" + SUFFIX;
    /** Both tenants have a queue of this id: ids are unique within a tenant only. */
    private static final String SHARED_QUEUE = "shared-" + SUFFIX;
    private static final String ACME_AGENT = "matrix-agent-" + SUFFIX;
    /** An admin of globex-travel alone: the realm's admin (ada) serves both tenants. */
    private static final String OTHER_ADMIN = "admin-globex-" + SUFFIX;

    private static String waitingContact;
    private static String sharedQueueContact;

    @TestHTTPResource("/")
    URI base;

    private AuthorizationMatrix matrix;

    @BeforeEach
    void setUp() {
        if (waitingContact == null) {
            KeycloakServer.shared().createUser(OTHER_ADMIN, List.of("admin"), List.of(GLOBEX));
            try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
                configure(kafka);
                waitingContact = contact(kafka, ACME, "matrix-widget-" + SUFFIX);
                sharedQueueContact = contact(kafka, ACME, "shared-widget-" + SUFFIX);
            }
            await().atMost(WAIT).untilAsserted(() -> {
                as("sam").get("/api/queues/" + ACME_QUEUE + "/contacts").then().statusCode(OK)
                        .body("contactId", hasItem(waitingContact));
                as("sam").get("/api/queues").then().statusCode(OK).body("find { it.queueId == '" + SHARED_QUEUE + "' }.waiting",
                        equalTo(1));
                as("gina").get("/api/queues").then().statusCode(OK).body("queueId", hasItem(SHARED_QUEUE));
                as("sam").get("/api/agents").then().statusCode(OK).body("agentId", hasItem(ACME_AGENT));
            });
        }
        // alice: agent of acme-bank; sam: its supervisor; ada: admin of both tenants; dave, gina: globex-travel's agent
        // and supervisor; OTHER_ADMIN: globex-travel's admin.
        matrix = new AuthorizationMatrix(base, path -> path.replace("{id}", ACME_QUEUE),
                Caller.anonymous(), Caller.user("agent", "alice"), Caller.user("supervisor", "sam"), Caller.user("admin", "ada"),
                Caller.user("other tenant's agent", "dave"), Caller.user("other tenant's supervisor", "gina"),
                Caller.user("other tenant's admin", OTHER_ADMIN))
                .row("GET", "/api/queues", 401, 403, OK, OK, 403, OK, OK)
                .row("GET", "/api/queues/{id}/contacts", 401, 403, OK, OK, 403, 404, 404)
                .row("GET", "/api/agents", 401, 403, OK, OK, 403, OK, OK);
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
    void anotherTenantsListsShowNoneOfItsQueuesOrAgents() {
        for (String outsider : List.of("gina", OTHER_ADMIN)) {
            as(outsider).get("/api/queues").then().statusCode(OK).body("queueId", not(hasItem(ACME_QUEUE)))
                    .body("tenantId", everyItem(equalTo(GLOBEX)));
            as(outsider).get("/api/agents").then().statusCode(OK).body("agentId", not(hasItem(ACME_AGENT)));
        }
    }

    /** Guessing a queue id that another tenant uses too shows the caller's own queue, never the other's contacts. */
    @Test
    void aQueueIdOfBothTenantsShowsEachOnlyItsOwnContacts() {
        for (String outsider : List.of("gina", OTHER_ADMIN)) {
            as(outsider).get("/api/queues/" + SHARED_QUEUE + "/contacts").then().statusCode(OK)
                    .body("contactId", not(hasItem(sharedQueueContact)));
        }
        as("sam").get("/api/queues/" + SHARED_QUEUE + "/contacts").then().statusCode(OK)
                .body("contactId", hasItem(sharedQueueContact));
        as("ada").get("/api/queues/" + SHARED_QUEUE + "/contacts").then().statusCode(OK)
                .body("contactId", hasItem(sharedQueueContact));
    }

    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get("/api/queues").then().statusCode(401);
    }

    /** Services check the issuer against their configuration (they read no discovery document): another address's token is refused. */
    @Test
    void aTokenTheRealmIssuedUnderAnotherAddressIsRefused() {
        String token = KeycloakServer.shared().tokenFromAnotherIssuer("sam");
        JsonNode claims = KeycloakServer.claims(token);
        assertThat(claims.path("iss").asText()).startsWith("http://localhost:");
        assertThat(claims.path("aud").toString()).contains("switchboard-api");
        given().auth().oauth2(token).get("/api/queues").then().statusCode(401);
        as("sam").get("/api/queues").then().statusCode(OK);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    // ---------------------------------------------------------------- fixtures

    private static void configure(KafkaTestClient kafka) {
        publish(kafka, tenant(ACME, ACME_QUEUE, List.of(entryPoint("matrix-widget-" + SUFFIX, ACME_QUEUE),
                entryPoint("shared-widget-" + SUFFIX, SHARED_QUEUE))));
        publish(kafka, tenant(GLOBEX, SHARED_QUEUE, List.of(entryPoint("globex-widget-" + SUFFIX, SHARED_QUEUE))));
        publish(kafka, queue(ACME, ACME_QUEUE));
        publish(kafka, queue(ACME, SHARED_QUEUE));
        publish(kafka, queue(GLOBEX, SHARED_QUEUE));
        // Configured, never signed in: listed, and offered nothing, so the contacts stay waiting.
        publish(kafka, new AgentConfigured(UUID.randomUUID(), ACME, now(), ACME_AGENT, "Matrix Agent", List.of(ACME),
                Map.of("billing", 3), Map.of(Channel.CHAT, 2), false, true));
    }

    private static TenantConfigured.EntryPoint entryPoint(String address, String queue) {
        return new TenantConfigured.EntryPoint(Channel.CHAT, address, queue);
    }

    private static TenantConfigured tenant(String tenant, String defaultQueue, List<TenantConfigured.EntryPoint> entryPoints) {
        return new TenantConfigured(UUID.randomUUID(), tenant, now(), "Tenant " + tenant, "Europe/London", "GB", null,
                defaultQueue, entryPoints);
    }

    private static QueueConfigured queue(String tenant, String id) {
        return new QueueConfigured(UUID.randomUUID(), tenant, now(), id, id, Map.of(), 0,
                new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.LONGEST_IDLE, 0, 30, 0, null, List.of(),
                null, false, true);
    }

    private static String contact(KafkaTestClient kafka, String tenant, String entryPoint) {
        String contactId = UUID.randomUUID().toString();
        // The queues travel on another topic: the contact is routed once its entry point's queue is known.
        await().atMost(WAIT).untilAsserted(() -> as("sam").get("/api/queues").then().statusCode(OK)
                .body("queueId", hasItem(SHARED_QUEUE)).body("queueId", hasItem(ACME_QUEUE)));
        publish(kafka, new ContactCreated(UUID.randomUUID(), tenant, now(), contactId, Channel.CHAT, Direction.INBOUND, entryPoint,
                Address.chatVisitor("visitor-" + contactId), null, Map.of(), "Billing", "I was charged twice", List.of(), "en", 0,
                Map.of()));
        return contactId;
    }

    private static void publish(KafkaTestClient kafka, SwitchboardEvent event) {
        kafka.send(event instanceof ContactCreated ? Topics.CONTACTS : Topics.CONFIG, event.subject(),
                EventCodec.encode(event, URI.create("/tests")));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
