package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.domain.WidgetDirectory;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.TenantConfigured;
import io.switchboard.testing.endpoints.AuthorizationMatrix;
import io.switchboard.testing.endpoints.AuthorizationMatrix.Caller;
import io.switchboard.testing.endpoints.ServedEndpoints;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;
import io.switchboard.testing.websocket.JsonSocketClient;

/**
 * Every endpoint the chat channel serves × anonymous, the agent who holds the chat, another agent of its tenant,
 * its supervisor, an admin, and another tenant's agent and supervisor, with real Keycloak tokens, on an acme-bank
 * chat that routing (played here) assigned to alice. The endpoints come from the compiled classes: a new one
 * without a row fails {@link #everyEndpointHasARow()}. Same test resources as ChatChannelServiceTest: one app.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "chat"))
@WithTestResource(KeycloakResource.class)
class AuthorizationMatrixTest {

    private static final int OK = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final URI SOURCE = URI.create("/tests/chat-channel-matrix");

    @TestHTTPResource("/")
    URI base;
    @Inject
    WidgetDirectory widgets;

    private KafkaTestClient kafka;
    private JsonSocketClient customer;
    private AuthorizationMatrix matrix;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general",
                List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"))), SOURCE);
        await().atMost(WAIT).until(() -> widgets.lookup("widget-acme").isPresent());
        customer = JsonSocketClient.connect(URI.create(base.toString().replaceFirst("^http", "ws") + "chat/ws/widget-acme"),
                "https://www.acme-bank.example");
        customer.send("{\"type\":\"start\"}");
        String contactId = customer.await("ready").get("contactId").asText();
        customer.send("{\"type\":\"message\",\"id\":\"m1\",\"text\":\"Is my card blocked?\"}");
        customer.await("ack");
        kafka.publish(new ContactOffered(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "billing", "alice",
                "o-matrix", Instant.now().plusSeconds(30)), SOURCE);
        kafka.publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "billing", "alice",
                "o-matrix"), SOURCE);
        customer.await("agent_joined");
        await().atMost(WAIT).until(() -> io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("alice"))
                .get("/api/conversations/{id}/messages", contactId).statusCode() == OK);

        // alice holds the chat; bob is an agent of acme-bank never offered it; sam its supervisor; ada an admin of both
        // tenants; dave and gina globex-travel's agent and supervisor.
        matrix = new AuthorizationMatrix(base, path -> path.replace("{contactId}", contactId), Caller.anonymous(),
                Caller.user("agent", "alice"), Caller.user("agent", "bob"), Caller.user("supervisor", "sam"), Caller.user("admin", "ada"),
                Caller.user("other tenant's agent", "dave"), Caller.user("other tenant's supervisor", "gina"))
                .row("GET", "/api/conversations/{contactId}/messages", 401, OK, 404, OK, OK, 404, 404)
                .publicByDesign("SOCKET io.switchboard.chat.api.ChatSocket", "the widget's socket: customers are anonymous; the"
                        + " widget id and the page's Origin are checked at the upgrade (RequiredOriginsTest), and a conversation"
                        + " resumes only with its signed token (ChatChannelServiceTest)");
    }

    @AfterEach
    void close() {
        if (customer != null) {
            customer.close();
        }
        kafka.close();
    }

    @Test
    void everyEndpointHasARow() {
        assertThat(ServedEndpoints.ofThisModule()).as("endpoints of the compiled classes, each needs a row")
                .isEqualTo(matrix.endpoints());
    }

    @Test
    void everyCallerGetsWhatTheirRoleAndTenantsAllow() {
        assertThat(matrix.mismatches()).isEmpty();
    }
}
