package io.switchboard.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.testing.endpoints.AuthorizationMatrix;
import io.switchboard.testing.endpoints.AuthorizationMatrix.Caller;
import io.switchboard.testing.endpoints.ServedEndpoints;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every /api endpoint as anonymous, agent, supervisor, another tenant's supervisor and admin, with
 * real Keycloak tokens, on an acme-bank contact and file. The endpoints come from the module's compiled
 * resource classes: a new endpoint without a row fails the test. (Webhooks are authenticated by the
 * providers' signatures, tested in SmsChannelServiceTest.)
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "sms"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockResource.class)
@WithTestResource(SmscResource.class)
class AuthorizationMatrixTest {

    private static final int OK = 200;

    @Inject
    NumberDirectory directory;
    @TestHTTPResource("/")
    URI base;

    private String contactId;
    private String mediaId;
    private AuthorizationMatrix matrix;

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
        String signedBy = "a provider's webhook, authenticated by its signature: "
                + "SmsChannelServiceTest.missingTamperedOrMisaddressedSignaturesGet403AreCountedAndLeaveNothing";
        String vonage = "Vonage's webhook, authenticated by its signed JWT: SmsChannelServiceTest.vonageTextsBecomeContactsAndRepliesAndStatusesGoThroughVonage";
        // alice: agent of acme-bank; sam: supervisor of acme-bank; gina: supervisor of globex-travel; ada: admin of both;
        // dave: agent of globex-travel only, for whom acme-bank's contact does not exist.
        matrix = new AuthorizationMatrix(base, path -> path.replace("{contactId}", contactId).replace("{tenantId}", "acme-bank")
                .replace("{id}", mediaId),
                Caller.anonymous(), Caller.user("agent", "alice"), Caller.user("supervisor", "sam"),
                Caller.user("other tenant's supervisor", "gina"), Caller.user("admin", "ada"), Caller.user("other tenant's agent", "dave"))
                .row("GET", "/api/contacts/{contactId}/reply-policy", 401, OK, OK, 404, OK, 404)
                .row("GET", "/api/tenants/{tenantId}/opt-outs", 401, 403, OK, 403, OK, 403)
                .row("GET", "/api/media/{id}", 401, 404, 404, 404, 404, 404)
                .publicByDesign("POST /webhooks/twilio/sms", signedBy)
                .publicByDesign("POST /webhooks/twilio/status", signedBy)
                .publicByDesign("POST /webhooks/vonage/inbound", vonage)
                .publicByDesign("POST /webhooks/vonage/status", vonage);
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
