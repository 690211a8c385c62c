package io.switchboard.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.Direction;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The inbox web app in Debian's Chromium (Playwright, {@code src/test/browser/wrapup.e2e.mjs}) against
 * this app, with real Kafka, PostgreSQL and Keycloak; the test plays routing. Same test resources as
 * {@link AgentDesktopServiceTest}, so both run against one app.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "desktop"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(ChannelStubResource.class)
@WithTestResource(SignInResource.class)
class InboxBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final URI SOURCE = URI.create("/tests/agent-desktop-browser");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    private KafkaTestClient kafka;

    @BeforeEach
    void configure() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        publish(AgentDesktopServiceTest.cardsQueue());
        publish(new AgentConfigured(UUID.nameUUIDFromBytes("agent:alice".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "alice", "Alice Adams", List.of("acme-bank"), Map.of("billing", 3), Map.of(Channel.CHAT, 3), false, true));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void anAgentEndsAChatPicksAnOutcomeAndClicksDone() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("target/classes/META-INF/resources/index.html")),
                "the web app was not built (-Dskip.webapp)");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(Files.isExecutable(chromium)).as("Debian's Chromium at " + chromium + " (apt-get install chromium; .ci/run does)")
                .isTrue();
        String inbox = "http://127.0.0.1:" + base.getPort() + "/";
        allowRedirectsTo(inbox);

        // A chat of the cards queue, held by alice, once the desktop knows the queue's canned responses.
        String contactId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new ContactCreated(UUID.randomUUID(), "acme-bank", now, contactId, Channel.CHAT, Direction.INBOUND, "widget-acme",
                Address.chatVisitor("v-" + contactId), null, Map.of("name", "Carla Card"), null, "Card", List.of(), "en", 0, Map.of()));
        publish(new ContactMessageReceived(UUID.randomUUID(), "acme-bank", now, contactId, "m1-" + contactId, Channel.CHAT,
                Address.chatVisitor("v-" + contactId), "My card was swallowed by the machine", List.of(), Map.of()));
        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "cards", "alice", null));
        String token = KeycloakServer.shared().accessToken("alice");
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().auth().oauth2(token).get("/api/contacts/" + contactId).then()
                .statusCode(200).body("contact.status", equalTo("ASSIGNED")).body("messages.size()", equalTo(1)));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().auth().oauth2(token)
                .get("/api/contacts/" + contactId + "/canned-responses").then().statusCode(200).body("title", hasItem("Card blocked")));

        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Path log = Files.createTempFile("inbox-browser", ".out");
        ProcessBuilder builder = new ProcessBuilder("node", "wrapup.e2e.mjs").directory(Path.of("src/test/browser").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("INBOX_URL", inbox);
        builder.environment().put("CONTACT_ID", contactId);
        builder.environment().put("CHROMIUM", chromium.toString());
        builder.environment().put("SCREENSHOTS", screenshots.toString());
        Process browser = builder.start();
        try {
            // The agent's reply, built from the canned response, reaches the chat channel.
            ReplyRequested reply = (ReplyRequested) kafka.awaitEvent(Topics.outbound(Channel.CHAT),
                    e -> e instanceof ReplyRequested r && r.contactId().equals(contactId), Duration.ofMinutes(2));
            assertThat(reply.text()).startsWith("I have blocked your card").endsWith("Anything else?");
            // She ended the chat; routing puts her in wrap-up for the queue's 45 s.
            ContactEnded ended = (ContactEnded) kafka.awaitEvent(Topics.CONTACTS,
                    e -> e instanceof ContactEnded c && c.contactId().equals(contactId), Duration.ofMinutes(1));
            assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.AGENT_ENDED);
            publish(new AgentStateChanged(UUID.randomUUID(), "acme-bank", Instant.now(), "alice", AgentStateChanged.State.WRAP_UP,
                    "after-contact work", Instant.now().plusSeconds(45)));

            WrapUpCompleted done = (WrapUpCompleted) kafka.awaitEvent(Topics.AGENTS,
                    e -> e instanceof WrapUpCompleted w && w.contactId().equals(contactId), Duration.ofMinutes(1));
            assertThat(done.agentId()).isEqualTo("alice");
            assertThat(done.queueId()).isEqualTo("cards");
            assertThat(done.dispositionCode()).isEqualTo("CALLBACK");
            assertThat(done.notes()).isEqualTo("Wants a call about the new card");

            if (!browser.waitFor(1, TimeUnit.MINUTES)) {
                throw new AssertionError("the browser test did not finish:\n" + Files.readString(log));
            }
            assertThat(browser.exitValue()).as("the browser test failed (screenshots in " + screenshots + "):\n" + Files.readString(log))
                    .isZero();
        } catch (AssertionError | RuntimeException failed) {
            browser.waitFor(20, TimeUnit.SECONDS);
            throw new AssertionError(failed.getMessage() + "\nbrowser log:\n" + Files.readString(log), failed);
        } finally {
            browser.destroyForcibly();
        }
    }

    /** The desktop's Keycloak client accepts the test app's random port as a sign-in redirect, as an operator would add it. */
    private static void allowRedirectsTo(String inbox) throws IOException {
        KeycloakServer keycloak = KeycloakServer.shared();
        HttpResponse<String> found = keycloak.adminRequest("GET", "/clients?clientId=" + KeycloakServer.CLIENT, null);
        ObjectNode client = (ObjectNode) JSON.readTree(found.body()).get(0);
        ArrayNode redirects = (ArrayNode) client.withArray("redirectUris");
        List<String> known = new ArrayList<>();
        redirects.forEach(uri -> known.add(uri.asText()));
        if (known.contains(inbox + "*")) {
            return;
        }
        redirects.add(inbox + "*");
        HttpResponse<String> updated = keycloak.adminRequest("PUT", "/clients/" + client.get("id").asText(), JSON.convertValue(client,
                Map.class));
        assertThat(updated.statusCode()).as("Keycloak took the redirect URI: " + updated.body()).isEqualTo(204);
    }

    private void publish(SwitchboardEvent event) {
        kafka.publish(event, SOURCE);
    }

}
