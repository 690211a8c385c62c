package io.switchboard.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.chat.domain.WidgetDirectory;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTyping;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;
import io.switchboard.testing.websocket.JsonSocketClient;

/**
 * The chat channel against real parts: WebSocket clients, a Kafka broker, PostgreSQL and Keycloak
 * tokens. Each test opens its own conversations, so tests share the service without seeing each other.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "chat"))
@WithTestResource(KeycloakResource.class)
class ChatChannelServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACME_ORIGIN = "https://www.acme-bank.example";
    private static final URI SOURCE = URI.create("/tests/chat-channel");

    @TestHTTPResource("/")
    URI base;
    @Inject
    WidgetDirectory widgets;

    private KafkaTestClient kafka;
    private final List<JsonSocketClient> clients = new ArrayList<>();

    @BeforeEach
    void configureTenants() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general",
                List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"))));
        publish(new TenantConfigured(UUID.nameUUIDFromBytes("globex".getBytes()), "globex-travel",
                Instant.parse("2026-01-01T00:00:00Z"), "Globex Travel", "Europe/Madrid", "ES", null, "bookings",
                List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-globex", "bookings"))));
        await().atMost(WAIT).until(() -> widgets.lookup("widget-globex").isPresent());
    }

    @AfterEach
    void close() {
        clients.forEach(JsonSocketClient::close);
        kafka.close();
    }

    @Test
    void theFirstMessageOpensTheContactAndIsAcknowledgedOnceOnKafka() {
        JsonSocketClient customer = open("widget-acme", ACME_ORIGIN);
        customer.send("{\"type\":\"start\",\"name\":\"Jane Doe\",\"email\":\"Jane@Example.com\"}");
        JsonNode ready = customer.await("ready");
        String contactId = ready.get("contactId").asText();
        assertThat(ready.get("token").asText()).contains(".");

        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"I was charged twice\"}");
        JsonNode ack = customer.await("ack");
        assertThat(ack.get("id").asText()).isEqualTo("c1");

        List<ContactEvent> events = eventsOf(contactId, 2);
        ContactCreated created = (ContactCreated) events.get(0);
        assertThat(created.channel()).isEqualTo(Channel.CHAT);
        assertThat(created.tenantId()).isEqualTo("acme-bank");
        assertThat(created.entryPoint()).isEqualTo("widget-acme");
        assertThat(created.customerHints()).containsEntry("name", "Jane Doe").containsEntry("email", "jane@example.com");
        ContactMessageReceived received = (ContactMessageReceived) events.get(1);
        assertThat(received.text()).isEqualTo("I was charged twice");
        assertThat(received.messageId()).isEqualTo(ack.get("messageId").asText());

        // The widget resends what it never saw acknowledged, with the same id: nothing new is published.
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"I was charged twice\"}");
        customer.await("ack");
        customer.send("{\"type\":\"message\",\"id\":\"c2\",\"text\":\"Card ending 4242\"}");
        customer.await(frame -> "ack".equals(frame.path("type").asText()) && "c2".equals(frame.path("id").asText()));
        List<ContactEvent> all = eventsOf(contactId, 3);
        assertThat(all).extracting(ContactEvent::eventId).doesNotHaveDuplicates();
        assertThat(all.stream().filter(ContactCreated.class::isInstance)).hasSize(1);
    }

    @Test
    void theCustomerGetsTheTranscriptByEmailThroughTheEmailChannel() {
        JsonSocketClient customer = open("widget-acme", ACME_ORIGIN);
        customer.send("{\"type\":\"start\",\"name\":\"Jane Doe\",\"email\":\"jane@example.com\"}");
        String contactId = customer.await("ready").get("contactId").asText();
        customer.send("{\"type\":\"transcript\"}");
        assertThat(customer.await("error").path("code").asText()).isEqualTo("nothing_to_send");
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"I was charged twice\"}");
        customer.await("ack");

        customer.send("{\"type\":\"transcript\",\"email\":\"not an address\"}");
        assertThat(customer.await("error").path("code").asText()).isEqualTo("bad_email");
        customer.send("{\"type\":\"transcript\"}");
        customer.await("transcript_requested");
        ReplyRequested request = (ReplyRequested) decode(kafka.await(Topics.outbound(Channel.EMAIL),
                record -> decode(record) instanceof ReplyRequested r && r.contactId().equals(contactId), 1, WAIT).get(0));
        assertThat(request.metadata()).containsEntry("to", "jane@example.com").containsEntry("kind", "transcript");
        assertThat(request.text()).contains("Jane Doe: I was charged twice").contains("Acme Bank");

        publish(new ContactMessageSent(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, request.messageId(), Channel.EMAIL,
                request.agentId(), io.switchboard.events.address.Address.email("jane@example.com"), request.text(), List.of(),
                Map.of("kind", "transcript")));
        customer.await("transcript_sent");
    }

    @Test
    void typingIsSharedBothWays() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        String contactId = contactId(customer);
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"Hello\"}");
        customer.await("ack");

        customer.send("{\"type\":\"typing\"}");
        customer.send("{\"type\":\"typing\"}");
        kafka.await(Topics.CONTACTS, record -> decode(record) instanceof ContactTyping t && t.contactId().equals(contactId)
                && t.party() == ContactTyping.Party.CUSTOMER, 1, WAIT);

        publish(new ContactTyping(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, ContactTyping.Party.AGENT,
                "alice"));
        assertThat(customer.await("agent_typing").path("agent").asText()).isEqualTo("alice");
    }

    @Test
    void aContactTheAgentWrapsUpIsClosedForTheCustomer() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        String contactId = contactId(customer);
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"Thanks, that is all\"}");
        customer.await("ack");

        publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT,
                ContactEnded.Reason.AGENT_ENDED, "resolved", null, null, null, null));
        customer.await("chat_ended");
        customer.send("{\"type\":\"message\",\"id\":\"c2\",\"text\":\"One more thing\"}");
        assertThat(customer.await("error").path("code").asText()).isEqualTo("ended");
    }

    @Test
    void theCustomerRatesAnEndedChatOnceAndTheRatingIsPublished() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        String contactId = contactId(customer);
        customer.send("{\"type\":\"rate\",\"score\":5}");
        assertThat(customer.await("error").path("code").asText()).isEqualTo("nothing_to_rate");
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"Is my card blocked?\"}");
        customer.await("ack");
        customer.send("{\"type\":\"rate\",\"score\":5}");
        assertThat(customer.await("error").path("code").asText()).isEqualTo("not_ended");

        publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT,
                ContactEnded.Reason.AGENT_ENDED, "resolved", null, null, null, null));
        customer.await("chat_ended");
        customer.send("{\"type\":\"rate\",\"score\":6}");
        assertThat(customer.await("error").path("code").asText()).isEqualTo("bad_score");
        customer.send("{\"type\":\"rate\",\"score\":4,\"text\":\"Quick and kind\"}");
        customer.await("rated");
        customer.send("{\"type\":\"rate\",\"score\":1}");
        assertThat(customer.await("error").path("code").asText()).isEqualTo("already_rated");

        var answers = kafka.await(Topics.CONTACTS, record -> decode(record) instanceof ContactSurveyAnswered a
                && a.contactId().equals(contactId), 1, WAIT);
        ContactSurveyAnswered answer = (ContactSurveyAnswered) decode(answers.get(0));
        assertThat(answer.score()).isEqualTo(4);
        assertThat(answer.comment()).isEqualTo("Quick and kind");
        assertThat(answer.channel()).isEqualTo(Channel.CHAT);
        assertThat(answer.tenantId()).isEqualTo("acme-bank");
    }

    @Test
    void agentsRepliesReachTheCustomerAndAnAgentJoiningIsAnnounced() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        String contactId = contactId(customer);
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"Hello?\"}");
        customer.await("ack");

        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "billing", "alice", "o-1"));
        assertThat(customer.await("agent_joined").get("agent").asText()).isEqualTo("alice");

        String replyId = "reply-" + UUID.randomUUID();
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, replyId, Channel.CHAT, "alice",
                "We refunded the second charge.", List.of(), Map.of()));
        JsonNode message = customer.await("message");
        assertThat(message.get("from").asText()).isEqualTo("agent");
        assertThat(message.get("text").asText()).isEqualTo("We refunded the second charge.");
        ContactMessageSent sent = (ContactMessageSent) outcome(replyId);
        assertThat(sent.agentId()).isEqualTo("alice");
        assertThat(customer.poll("message", Duration.ofMillis(1500))).as("pushed once, not again by the fan-out").isNull();
    }

    @Test
    void aReplyAnotherInstanceDeliveredReachesTheSocketHeldHere() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        String contactId = contactId(customer);
        // What another instance publishes once it stored a reply and pushed it to its own sockets. The
        // fan-out reads from the newest offset once its partitions are assigned, so publish until one lands.
        JsonNode message = null;
        for (int attempt = 0; attempt < 30 && message == null; attempt++) {
            publish(new ContactMessageSent(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, "reply-" + UUID.randomUUID(),
                    Channel.CHAT, "bob", io.switchboard.events.address.Address.chatVisitor("v-elsewhere"),
                    "From the other instance", List.of(), Map.of("pushedBy", "another-instance")));
            message = customer.poll("message", Duration.ofSeconds(1));
        }
        assertThat(message).as("the fan-out pushed the reply").isNotNull();
        assertThat(message.get("text").asText()).isEqualTo("From the other instance");
    }

    @Test
    void aReloadResumesTheConversationWithItsHistory() {
        JsonSocketClient first = started("widget-acme", ACME_ORIGIN);
        JsonNode ready = first.await(frame -> true);
        String contactId = ready.path("contactId").asText();
        String token = ready.path("token").asText();
        first.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"Before the reload\"}");
        first.await("ack");
        String replyId = "reply-" + UUID.randomUUID();
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, replyId, Channel.CHAT, "bob",
                "Answer while you were away", List.of(), Map.of()));
        first.await("message");
        first.close();

        JsonSocketClient again = open("widget-acme", ACME_ORIGIN);
        again.send("{\"type\":\"resume\",\"token\":\"" + token + "\"}");
        JsonNode resumed = again.await("ready");
        assertThat(resumed.get("contactId").asText()).isEqualTo(contactId);
        assertThat(resumed.get("history")).extracting(line -> line.get("text").asText())
                .containsExactly("Before the reload", "Answer while you were away");

        JsonSocketClient forger = open("widget-acme", ACME_ORIGIN);
        forger.send("{\"type\":\"resume\",\"token\":\"" + token.substring(0, token.indexOf('.')) + ".AAAA\"}");
        assertThat(forger.await("error").get("code").asText()).isEqualTo("bad_token");
        // A token is good for its own widget only.
        JsonSocketClient elsewhere = open("widget-globex", null);
        elsewhere.send("{\"type\":\"resume\",\"token\":\"" + token + "\"}");
        assertThat(elsewhere.await("error").get("code").asText()).isEqualTo("bad_token");
    }

    @Test
    void aCustomerWhoLeavesBeforeAnyAgentAbandonsTheContact() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        String contactId = contactId(customer);
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"Anyone there?\"}");
        customer.await("ack");
        customer.close();

        ContactEnded ended = (ContactEnded) kafka.await(Topics.CONTACTS, record -> decode(record) instanceof ContactEnded e
                && e.contactId().equals(contactId), 1, WAIT).stream().map(ChatChannelServiceTest::decode).findFirst().orElseThrow();
        assertThat(ended.reason()).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
        assertThat(ended.channel()).isEqualTo(Channel.CHAT);

        String late = "reply-" + UUID.randomUUID();
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, late, Channel.CHAT, "alice",
                "Sorry for the wait", List.of(), Map.of()));
        assertThat(((ContactMessageFailed) outcome(late)).reason()).contains("left the chat");
    }

    @Test
    void limitsAnswerWithErrorFramesAndTheSocketGoesOn() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        int max = ConfigProvider.getConfig().getValue("switchboard.chat.max-message-chars", Integer.class);
        customer.send("{\"type\":\"message\",\"id\":\"big\",\"text\":\"" + "x".repeat(max + 1) + "\"}");
        assertThat(customer.await("error").get("code").asText()).isEqualTo("too_large");
        customer.send("{not json");
        assertThat(customer.await("error").get("code").asText()).isEqualTo("bad_frame");
        customer.send("{\"type\":\"shout\"}");
        assertThat(customer.await("error").get("reason").asText()).contains("shout");

        int burst = ConfigProvider.getConfig().getValue("switchboard.chat.burst", Integer.class);
        for (int i = 0; i < burst + 5; i++) {
            customer.send("{\"type\":\"typing\"}");
        }
        assertThat(customer.await("error").get("code").asText()).isEqualTo("rate_limited");

        JsonSocketClient fresh = open("widget-acme", ACME_ORIGIN);
        fresh.send("{\"type\":\"message\",\"id\":\"x\",\"text\":\"hi\"}");
        assertThat(fresh.await("error").get("code").asText()).isEqualTo("not_started");
    }

    @Test
    void theUpgradeChecksTheWidgetAndTheOriginItAllows() {
        assertThatThrownBy(() -> open("widget-acme", "https://evil.example")).isInstanceOf(CompletionException.class)
                .rootCause().hasMessageContaining("status code 403");
        assertThatThrownBy(() -> open("widget-acme", null)).isInstanceOf(CompletionException.class)
                .rootCause().hasMessageContaining("status code 403");
        assertThatThrownBy(() -> open("widget-nobody", null)).isInstanceOf(CompletionException.class)
                .rootCause().hasMessageContaining("status code 404");
        open("widget-globex", "https://anywhere.example").send("{\"type\":\"start\"}");
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfSockets() {
        int limit = ConfigProvider.getConfig().getValue("switchboard.chat.connections-per-ip", Integer.class);
        List<JsonSocketClient> many = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            many.add(open("widget-globex", null));
        }
        JsonSocketClient oneTooMany = open("widget-globex", null);
        assertThat(oneTooMany.await("error").get("code").asText()).isEqualTo("too_many_connections");
        await().atMost(WAIT).until(oneTooMany::closedByServer);
        many.forEach(JsonSocketClient::close);
        clients.removeAll(many);
    }

    @Test
    void theTranscriptIsForTheAgentsItWasOfferedOrAssignedToAndTheTenantsSupervisors() {
        JsonSocketClient customer = started("widget-acme", ACME_ORIGIN);
        String contactId = contactId(customer);
        customer.send("{\"type\":\"message\",\"id\":\"c1\",\"text\":\"Transcript line\"}");
        customer.await("ack");
        // Routing offered the chat to carol, who let it time out, then to alice, who took it.
        publish(new ContactOffered(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "billing", "carol",
                "o-carol", Instant.now().plusSeconds(30)));
        publish(new ContactOffered(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "billing", "alice",
                "o-alice", Instant.now().plusSeconds(30)));
        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "billing", "alice",
                "o-alice"));
        customer.await("agent_joined");

        given().get("/api/conversations/{id}/messages", contactId).then().statusCode(401);
        // alice holds it; carol was offered it before: both read it.
        await().atMost(WAIT).untilAsserted(() -> transcriptAs("alice", contactId).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].text", org.hamcrest.Matchers.equalTo("Transcript line")));
        await().atMost(WAIT).untilAsserted(() -> transcriptAs("carol", contactId).then().statusCode(200));
        // sam supervises acme-bank; ada is an admin of both tenants.
        transcriptAs("sam", contactId).then().statusCode(200).body("$", hasSize(1));
        transcriptAs("ada", contactId).then().statusCode(200);
        // bob is an acme-bank agent who was never offered it: as if it did not exist (404, not 403).
        transcriptAs("bob", contactId).then().statusCode(404).contentType("application/problem+json");
        // another tenant's agent and supervisor.
        transcriptAs("dave", contactId).then().statusCode(404);
        transcriptAs("gina", contactId).then().statusCode(404);
        // An offer naming another tenant does not open this conversation to that tenant's agent: the
        // conversation's tenant is in the query too. (erin's later assignment, on the same partition,
        // shows that dave's offer was recorded before it.)
        publish(new ContactOffered(UUID.randomUUID(), "globex-travel", Instant.now(), contactId, Channel.CHAT, "bookings", "dave",
                "o-dave", Instant.now().plusSeconds(30)));
        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.CHAT, "billing", "erin",
                "o-erin"));
        await().atMost(WAIT).untilAsserted(() -> transcriptAs("erin", contactId).then().statusCode(200));
        transcriptAs("dave", contactId).then().statusCode(404);
    }

    @Test
    void theWidgetScriptAndItsStylesheetAreServed() {
        given().get("/widget.js").then().statusCode(200).body(containsString("data-widget"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/widget.css").then().statusCode(200).contentType(containsString("text/css")).body(containsString(".sb-chat{"));
    }

    @Test
    void theDemoPageRunsOnlyTheChannelsOwnScriptAndIsNeverFramed() {
        given().get("/demo.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("style-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY");
    }

    // --- helpers ---

    private static io.restassured.response.Response transcriptAs(String user, String contactId) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user)).get("/api/conversations/{id}/messages", contactId);
    }

    private JsonSocketClient open(String widgetId, String origin) {
        JsonSocketClient client = JsonSocketClient.connect(URI.create(base.toString().replaceFirst("^http", "ws") + "chat/ws/" + widgetId),
                origin);
        clients.add(client);
        return client;
    }

    private JsonSocketClient started(String widgetId, String origin) {
        JsonSocketClient client = open(widgetId, origin);
        client.send("{\"type\":\"start\"}");
        return client;
    }

    private static String contactId(JsonSocketClient client) {
        return client.await("ready").get("contactId").asText();
    }

    private void publish(SwitchboardEvent event) {
        kafka.publish(event, SOURCE);
    }

    private List<ContactEvent> eventsOf(String contactId, int count) {
        return kafka.await(Topics.CONTACTS, record -> contactId.equals(record.key()) && decode(record) instanceof ContactEvent e
                && (e instanceof ContactCreated || e instanceof ContactMessageReceived), count, WAIT)
                .stream().map(r -> (ContactEvent) decode(r)).toList();
    }

    private ContactEvent outcome(String requestId) {
        return kafka.await(Topics.CONTACTS, record -> decode(record) instanceof ContactMessageSent s && s.messageId().equals(requestId)
                || decode(record) instanceof ContactMessageFailed f && f.messageId().equals(requestId), 1, WAIT)
                .stream().map(r -> (ContactEvent) decode(r)).findFirst().orElseThrow();
    }

    private static SwitchboardEvent decode(ConsumerRecord<String, byte[]> record) {
        return KafkaTestClient.decode(record);
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/conversations/00000000-0000-4000-8000-000000000001/messages";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("alice")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("alice")).get(path)
                .then().statusCode(401);
    }
}
