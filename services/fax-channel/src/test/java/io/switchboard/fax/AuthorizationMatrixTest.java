package io.switchboard.fax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
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

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.Topics;
import io.switchboard.fax.api.FaxResource;
import io.switchboard.fax.domain.FaxDocuments;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every /api endpoint as anonymous, the offered agent, an agent of the tenant never offered the fax,
 * the tenant's supervisor, another tenant's supervisor and agent, and the admin, with real Keycloak
 * tokens, on an acme-bank fax routing offered to alice. The endpoints come from the resource class: a
 * new endpoint without a row fails the test. (The webhook is authenticated by signatures, tested in
 * FaxChannelServiceTest.)
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "fax"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockResource.class)
class AuthorizationMatrixTest {

    /** Expected statuses: anonymous, alice (offered), bob (same tenant, not offered), sam (supervisor), gina (other tenant's supervisor), dave (other tenant's agent), ada (admin). */
    private record Row(String path, int anonymous, int offered, int notOffered, int supervisor, int otherSupervisor, int otherAgent,
            int admin) {
    }

    private static final int OK = 200;

    @Inject
    NumberDirectory directory;

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private String faxId;

    @BeforeEach
    void setUp() {
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            FaxTestSupport.configureTenants(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.route(FaxTestSupport.ACME_FAX).isPresent());
            String path = "/matrix-media/" + UUID.randomUUID();
            WireMockResource.server().stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(FaxDocuments.pdf(1))));
            String sid = FaxTestSupport.sid();
            FaxTestSupport.post(FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1,
                    "http://127.0.0.1:" + WireMockResource.server().port() + path)).then().statusCode(200);
            ContactCreated created = (ContactCreated) kafka.awaitEvent(Topics.CONTACTS,
                    e -> e instanceof ContactCreated c && sid.equals(c.metadata().get("providerFaxId")), Duration.ofSeconds(30));
            faxId = created.metadata().get("faxId");
            kafka.publish(new ContactOffered(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), Channel.FAX, "billing",
                    "alice", UUID.randomUUID().toString(), Instant.now().plusSeconds(30)), FaxTestSupport.SOURCE);
            await().atMost(Duration.ofSeconds(20)).until(() -> as("alice").get("/api/fax/faxes/" + faxId).statusCode() == OK);
        }
        rows.clear();
        row("/api/fax/faxes/{id}", 401, OK, 404, OK, 404, 404, OK);
        row("/api/fax/faxes/{id}/document", 401, OK, 404, OK, 404, 404, OK);
        row("/api/fax/faxes/{id}/thumbnail", 401, OK, 404, OK, 404, 404, OK);
    }

    private void row(String path, int anonymous, int offered, int notOffered, int supervisor, int otherSupervisor, int otherAgent,
            int admin) {
        rows.put("GET " + path, new Row(path, anonymous, offered, notOffered, supervisor, otherSupervisor, otherAgent, admin));
    }

    @Test
    void everyEndpointHasARow() {
        TreeSet<String> served = new TreeSet<>();
        String root = FaxResource.class.getAnnotation(Path.class).value();
        for (Method method : FaxResource.class.getDeclaredMethods()) {
            Path path = method.getAnnotation(Path.class);
            String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                    : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
            if (path != null && verb != null) {
                served.add(verb + " " + root + "/" + path.value());
            }
        }
        assertThat(served).as("endpoints without a row").isEqualTo(new TreeSet<>(rows.keySet()));
    }

    @Test
    void everyCallerGetsWhatTheirRoleTenantsAndOffersAllow() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            check(failures, row, "anonymous", given(), row.anonymous());
            check(failures, row, "offered agent alice", as("alice"), row.offered());
            check(failures, row, "agent bob, never offered it", as("bob"), row.notOffered());
            check(failures, row, "supervisor sam", as("sam"), row.supervisor());
            check(failures, row, "other tenant's supervisor gina", as("gina"), row.otherSupervisor());
            check(failures, row, "other tenant's agent dave", as("dave"), row.otherAgent());
            check(failures, row, "admin ada", as("ada"), row.admin());
            // an id that does not exist reads the same as one the caller may not see
            String missing = row.path().replace("{id}", UUID.randomUUID().toString());
            Response response = as("sam").get(missing);
            if (response.statusCode() != 404) {
                failures.add("GET " + missing + " as sam: " + response.statusCode() + " (expected 404)");
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/fax/faxes/" + faxId;
        given().auth().oauth2(KeycloakServer.shared().accessToken("sam")).get(path).then().statusCode(OK);
        given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get(path).then().statusCode(401);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private void check(List<String> failures, Row row, String who, RequestSpecification request, int expected) {
        String path = row.path().replace("{id}", faxId);
        Response response = request.get(path);
        if (response.statusCode() != expected) {
            failures.add("GET " + path + " as " + who + ": " + response.statusCode() + " (expected " + expected + ") " + response.asString());
        }
    }
}
