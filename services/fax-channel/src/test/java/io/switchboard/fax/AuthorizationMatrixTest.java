package io.switchboard.fax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.Topics;
import io.switchboard.fax.domain.FaxDocuments;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.testing.endpoints.AuthorizationMatrix;
import io.switchboard.testing.endpoints.AuthorizationMatrix.Caller;
import io.switchboard.testing.endpoints.ServedEndpoints;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every /api endpoint as anonymous, the offered agent, an agent of the tenant never offered the fax,
 * the tenant's supervisor, another tenant's supervisor and agent, and the admin, with real Keycloak
 * tokens, on an acme-bank fax routing offered to alice. The endpoints come from the module's compiled
 * resource classes: a new endpoint without a row fails the test. (The webhook is authenticated by
 * signatures, tested in FaxChannelServiceTest.)
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "fax"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockResource.class)
class AuthorizationMatrixTest {

    private static final int OK = 200;
    private static final String FAXES = "/api/fax/faxes/{id}";

    @Inject
    NumberDirectory directory;
    @TestHTTPResource("/")
    URI base;

    private String faxId;
    private AuthorizationMatrix matrix;

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
        matrix = new AuthorizationMatrix(base, path -> path.replace("{id}", faxId),
                Caller.anonymous(), Caller.user("offered agent", "alice"), Caller.user("agent never offered it", "bob"),
                Caller.user("supervisor", "sam"), Caller.user("other tenant's supervisor", "gina"),
                Caller.user("other tenant's agent", "dave"), Caller.user("admin", "ada"))
                .row("GET", FAXES, 401, OK, 404, OK, 404, 404, OK)
                .row("GET", FAXES + "/document", 401, OK, 404, OK, 404, 404, OK)
                .row("GET", FAXES + "/thumbnail", 401, OK, 404, OK, 404, 404, OK)
                .publicByDesign("POST /webhooks/twilio/fax", "the provider's webhook: Twilio signs it (X-Twilio-Signature), "
                        + "FaxChannelServiceTest.aWronglySignedWebhookIsRefusedBeforeAnythingIsFetched");
    }

    @Test
    void everyEndpointHasARow() {
        assertThat(ServedEndpoints.ofThisModule()).as("endpoints of the resource classes, each needs a row")
                .isEqualTo(matrix.endpoints());
    }

    @Test
    void everyCallerGetsWhatTheirRoleTenantsAndOffersAllow() {
        assertThat(matrix.mismatches()).isEmpty();
    }

    /** An id that does not exist reads the same as one the caller may not see. */
    @Test
    void aMissingFaxIsAsUnknownAsAnotherTenantsOne() {
        for (String path : matrix.endpoints()) {
            if (path.startsWith("GET /api/")) {
                as("sam").get(path.substring(4).replace("{id}", UUID.randomUUID().toString())).then().statusCode(404);
            }
        }
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
}
