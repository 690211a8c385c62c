package io.switchboard.sms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.sms.api.SmsResource;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every /api endpoint as anonymous, agent, supervisor, another tenant's supervisor and admin, with
 * real Keycloak tokens, on an acme-bank contact and file. The endpoints come from the resource class:
 * a new endpoint without a row fails the test. (Webhooks are authenticated by signatures, tested in
 * SmsChannelServiceTest.)
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "sms"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockResource.class)
@WithTestResource(SmscResource.class)
class AuthorizationMatrixTest {

    private record Row(String method, String path, int anonymous, int agent, int supervisor, int otherSupervisor, int admin) {
    }

    private static final int OK = 200;

    @Inject
    NumberDirectory directory;

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private String contactId;
    private String mediaId;

    @BeforeEach
    void setUp() {
        KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try {
            SmsTestSupport.configureTenants(kafka);
        } finally {
            kafka.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.route(SmsTestSupport.ACME_NUMBER).isPresent());
        String from = SmsTestSupport.customer();
        SmsTestSupport.post("/webhooks/twilio/sms", SmsTestSupport.text(SmsTestSupport.sid(), from, SmsTestSupport.ACME_NUMBER, "matrix"))
                .then().statusCode(200);
        contactId = SmsTestSupport.contactEvents(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)).stream()
                .filter(e -> e instanceof io.switchboard.events.ContactCreated c && c.from().value().equals(from))
                .findFirst().orElseThrow().contactId();
        mediaId = java.util.UUID.randomUUID().toString();
        rows.clear();
        // alice: agent of acme-bank; sam: supervisor of acme-bank; gina: supervisor of globex-travel; ada: admin of both.
        row("GET", "/api/contacts/{contactId}/reply-policy", 401, OK, OK, 404, OK);
        row("GET", "/api/tenants/{tenantId}/opt-outs", 401, 403, OK, 403, OK);
        row("GET", "/api/media/{id}", 401, 404, 404, 404, 404);
    }

    private void row(String method, String path, int anonymous, int agent, int supervisor, int otherSupervisor, int admin) {
        rows.put(method + " " + path, new Row(method, path, anonymous, agent, supervisor, otherSupervisor, admin));
    }

    @Test
    void everyEndpointHasARow() {
        TreeSet<String> served = new TreeSet<>();
        String root = SmsResource.class.getAnnotation(Path.class).value();
        for (Method method : SmsResource.class.getDeclaredMethods()) {
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
    void everyCallerGetsWhatTheirRoleAndTenantsAllow() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            check(failures, row, "anonymous", given(), row.anonymous());
            check(failures, row, "agent alice", as("alice"), row.agent());
            check(failures, row, "supervisor sam", as("sam"), row.supervisor());
            check(failures, row, "other tenant's supervisor gina", as("gina"), row.otherSupervisor());
            check(failures, row, "admin ada", as("ada"), row.admin());
            // dave is an agent of globex-travel only: acme-bank's contact does not exist for him.
            if (row.path().contains("reply-policy")) {
                check(failures, row, "other tenant's agent dave", as("dave"), 404);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private void check(List<String> failures, Row row, String who, RequestSpecification request, int expected) {
        String path = row.path().replace("{contactId}", contactId).replace("{tenantId}", "acme-bank").replace("{id}", mediaId);
        Response response = request.request(row.method(), path);
        if (response.statusCode() != expected) {
            failures.add(row.method() + " " + path + " as " + who + ": " + response.statusCode() + " (expected " + expected + ") "
                    + response.asString());
        }
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/tenants/acme-bank/opt-outs";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("sam")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("sam")).get(path)
                .then().statusCode(401);
    }
}
