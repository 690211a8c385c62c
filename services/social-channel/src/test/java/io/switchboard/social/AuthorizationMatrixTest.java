package io.switchboard.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * Every /api endpoint as anonymous, a signed-in user without a role, an agent, a supervisor and an
 * admin of the contact's tenant, and an agent and an admin of another tenant, with real Keycloak
 * tokens. The endpoints come from the resources' JAX-RS annotations: a new endpoint without a row
 * here fails the test. (The webhooks are authenticated by signatures: SocialChannelServiceTest.)
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

    private record Row(String method, String path, int anonymous, int noRole, int agent, int supervisor, int admin,
            int otherAgent, int otherAdmin) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
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
        row("GET", "/api/contacts/{contactId}/reply-policy", 401, 403, OK, OK, OK, 404, 404);
        row("GET", "/api/social/attachments/{id}", 401, 403, OK, OK, OK, 404, 404);
    }

    private void row(String method, String path, int anonymous, int noRole, int agent, int supervisor, int admin, int otherAgent,
            int otherAdmin) {
        rows.put(method + " " + path, new Row(method, path, anonymous, noRole, agent, supervisor, admin, otherAgent, otherAdmin));
    }

    @Test
    void everyApiEndpointHasARow() {
        TreeSet<String> served = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.switchboard.social.api")) {
            Class<?> resource = type.reflect();
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                        : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = ("/" + base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/").replaceAll("/$", "");
                if (path.startsWith("/api/")) {
                    served.add(verb + " " + path);
                }
            }
        }
        assertThat(served).as("endpoints without a row in the authorization matrix").isEqualTo(new TreeSet<>(rows.keySet()));
    }

    @Test
    void everyCallerGetsWhatTheirRoleAndTenantsAllow() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            check(failures, row, "anonymous", given(), row.anonymous());
            check(failures, row, "no role", as("norole-" + SUFFIX), row.noRole());
            check(failures, row, "agent", as("alice"), row.agent());
            check(failures, row, "supervisor", as("sam"), row.supervisor());
            check(failures, row, "admin", as("ada"), row.admin());
            check(failures, row, "other tenant's agent", as("dave"), row.otherAgent());
            check(failures, row, "other tenant's admin", as("globexadmin-" + SUFFIX), row.otherAdmin());
        }
        assertThat(failures).isEmpty();
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private void check(List<String> failures, Row row, String who, RequestSpecification request, int expected) {
        String path = row.path().replace("{contactId}", contactId).replace("{id}", attachmentId);
        Response response = request.request(row.method(), path);
        if (response.statusCode() != expected) {
            failures.add(row.method() + " " + path + " as " + who + ": " + response.statusCode() + " (expected " + expected + ") "
                    + response.asString());
        }
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
