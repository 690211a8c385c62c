package io.switchboard.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.testing.endpoints.AuthorizationMatrix;
import io.switchboard.testing.endpoints.AuthorizationMatrix.Caller;
import io.switchboard.testing.endpoints.ServedEndpoints;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every /api endpoint as anonymous, a signed-in user without a role, an agent, a supervisor and an
 * admin of the contact's tenant, and an agent and an admin of another tenant, with real Keycloak
 * tokens. The endpoints come from the module's compiled resource classes: a new endpoint without a row
 * here fails the test. (The webhooks are authenticated by the platforms' signatures: SocialChannelServiceTest.)
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "social"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockPlatforms.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final int OK = 200;
    private static final String SUFFIX = Fixture.unique("");

    @TestHTTPResource("/")
    URI base;

    private AuthorizationMatrix matrix;
    private String contactId;
    private String attachmentId;
    private static boolean usersCreated;

    @BeforeEach
    void setUp() {
        if (contactId != null) {
            return;
        }
        if (!usersCreated) {
            KeycloakServer keycloak = KeycloakServer.shared();
            keycloak.createUser("norole-" + SUFFIX, List.of(), List.of("acme-bank"));
            keycloak.createUser("globexadmin-" + SUFFIX, List.of("admin"), List.of("globex-travel"));
            usersCreated = true;
        }
        try (Fixture f = new Fixture()) {
            f.configureTenants();
            String media = Fixture.unique("MATRIX");
            String graph = ConfigProvider.getConfig().getValue("switchboard.social.meta.graph-api-base-url", String.class);
            f.wireMock.register(get(urlPathEqualTo("/graph/v21.0/" + media))
                    .willReturn(okJson("{\"url\":\"" + graph + "/files/" + media + "\",\"mime_type\":\"image/png\",\"file_size\":3}")));
            f.wireMock.register(get(urlPathEqualTo("/graph/files/" + media))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(new byte[] {1, 2, 3})));
            String wa = Fixture.waId();
            // The tenants just published reach the channel's consumer a moment later; until then a message to
            // the number is answered 200 and skipped (as Meta must never retry it), so send anew until one lands.
            ContactMessageReceived received = null;
            for (int attempt = 0; attempt < 12 && received == null; attempt++) {
                String id = Fixture.unique("wamid.matrix");
                assertThat(Fixture.postMeta("""
                        {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{
                         "metadata":{"phone_number_id":"%s"},"messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"image",
                         "image":{"id":"%s","mime_type":"image/png"}}]}}]}]}""".formatted(Fixture.WHATSAPP, wa, id,
                        Instant.now().getEpochSecond(), media)).statusCode()).isIn(200, 503);
                try {
                    received = (ContactMessageReceived) f.kafka.awaitEvent(io.switchboard.events.Topics.CONTACTS,
                            e -> e instanceof ContactMessageReceived m && id.equals(m.metadata().get("providerMessageId")),
                            java.time.Duration.ofSeconds(5));
                } catch (AssertionError notYet) {
                    // not applied yet: the next attempt sends a new message
                }
            }
            assertThat(received).as("a message to acme-bank's WhatsApp number became a contact").isNotNull();
            contactId = received.contactId();
            attachmentId = received.attachments().get(0).id();
        }
        String signed = "SocialChannelServiceTest.unsignedTamperedReserialisedOrWronglySignedPayloadsGet403AndPublishNothing";
        matrix = new AuthorizationMatrix(base, path -> path.replace("{contactId}", contactId).replace("{id}", attachmentId),
                Caller.anonymous(), Caller.user("no role", "norole-" + SUFFIX), Caller.user("agent", "alice"),
                Caller.user("supervisor", "sam"), Caller.user("admin", "ada"), Caller.user("other tenant's agent", "dave"),
                Caller.user("other tenant's admin", "globexadmin-" + SUFFIX))
                .row("GET", "/api/contacts/{contactId}/reply-policy", 401, 403, OK, OK, OK, 404, 404)
                .row("GET", "/api/social/attachments/{id}", 401, 403, OK, OK, OK, 404, 404)
                .publicByDesign("GET /webhooks/meta", "Meta's subscription handshake: answers the challenge only for the verify token, "
                        + "SocialChannelServiceTest.theSubscriptionHandshakeAnswersTheChallengeOnlyForTheVerifyToken")
                .publicByDesign("POST /webhooks/meta", "Meta's webhook, signed with the app secret (X-Hub-Signature-256): " + signed)
                .publicByDesign("POST /webhooks/telegram/{bot}", "Telegram's webhook, carrying the bot's secret token: "
                        + "SocialChannelServiceTest.telegramUpdatesNeedTheBotsSecretAndRepliesGoThroughSendMessageWithRetryAfter");
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
        String path = "/api/contacts/00000000-0000-4000-8000-000000000001/reply-policy";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("alice")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("alice")).get(path)
                .then().statusCode(401);
    }
}
