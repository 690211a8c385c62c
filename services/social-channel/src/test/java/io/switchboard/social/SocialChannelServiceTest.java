package io.switchboard.social;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static io.switchboard.social.Fixture.APP_SECRET;
import static io.switchboard.social.Fixture.BOT;
import static io.switchboard.social.Fixture.BOT_SECRET;
import static io.switchboard.social.Fixture.GLOBEX_WHATSAPP;
import static io.switchboard.social.Fixture.INSTAGRAM;
import static io.switchboard.social.Fixture.PAGE;
import static io.switchboard.social.Fixture.WHATSAPP;
import static io.switchboard.social.Fixture.postMeta;
import static io.switchboard.social.Fixture.postTelegram;
import static io.switchboard.social.Fixture.unique;
import static io.switchboard.social.Fixture.waId;
import static io.switchboard.social.Fixture.whatsappStatus;
import static io.switchboard.social.Fixture.whatsappText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactMessageStatusChanged;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.address.SocialAccount;
import io.switchboard.events.address.SocialPlatform;
import io.switchboard.social.domain.AccountDirectory;
import io.switchboard.social.domain.Signatures;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The social channel against real parts: a Kafka broker, PostgreSQL, Keycloak tokens, and WireMock
 * as the Graph API and the Telegram Bot API over HTTP (checking the bearer token and the bodies,
 * answering with the platforms' documented error shapes). Every test uses its own customers and
 * message ids, so tests share the service without seeing each other.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "social"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockPlatforms.class)
class SocialChannelServiceTest {

    private static final String BEARER = "Bearer test-graph-token";
    private static final String WA_MESSAGES = "/graph/v21.0/" + WHATSAPP + "/messages";

    @Inject
    AccountDirectory directory;

    private Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture();
        f.configureTenants();
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.lookup(new SocialAccount(SocialPlatform.WHATSAPP,
                GLOBEX_WHATSAPP)).isPresent() && directory.lookup(SocialAccount.parse("telegram:" + BOT)).isPresent());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    // ---- Meta: the handshake and signatures -------------------------------------------------------

    @Test
    void theSubscriptionHandshakeAnswersTheChallengeOnlyForTheVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/meta")
                .then().statusCode(200).contentType("text/plain").body(is("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/meta").then().statusCode(403);
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1").get("/webhooks/meta").then().statusCode(403);
        given().get("/webhooks/meta").then().statusCode(403);
    }

    @Test
    void unsignedTamperedReserialisedOrWronglySignedPayloadsGet403AndPublishNothing() {
        String wa = waId();
        String id = unique("wamid.bad");
        String body = whatsappText(WHATSAPP, wa, "Mallory", id, Instant.now(), "transfer everything");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.metaSignature(APP_SECRET, bytes);
        // unsigned
        given().contentType("application/json").body(bytes).post("/webhooks/meta").then().statusCode(403)
                .contentType("application/problem+json");
        // tampered: one character of the text changed after signing
        given().contentType("application/json").header("X-Hub-Signature-256", signature)
                .body(body.replace("everything", "everythinG").getBytes(StandardCharsets.UTF_8)).post("/webhooks/meta")
                .then().statusCode(403);
        // re-serialised: the same JSON with other whitespace (the signature is over the raw bytes)
        given().contentType("application/json").header("X-Hub-Signature-256", signature)
                .body(body.replace("\n", "").replace("\":\"", "\": \"").getBytes(StandardCharsets.UTF_8)).post("/webhooks/meta")
                .then().statusCode(403);
        // signed with another app's secret
        given().contentType("application/json").header("X-Hub-Signature-256", Signatures.metaSignature("another-secret", bytes))
                .body(bytes).post("/webhooks/meta").then().statusCode(403);

        String sentinel = unique("wamid.sentinel");
        postMeta(whatsappText(WHATSAPP, waId(), "Sentinel", sentinel, Instant.now(), "after the refusals")).then().statusCode(200);
        assertThat(f.contactsUntil(sentinel)).noneMatch(record -> record.contains(id));
    }

    @Test
    void badInputGetsTheRightStatusAndPublishesNothing() {
        String id = unique("wamid.oversized");
        String oversized = whatsappText(WHATSAPP, waId(), "Big", id, Instant.now(), "x".repeat(70_000));
        postMeta(oversized).then().statusCode(413).contentType("application/problem+json");
        postMeta("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + unique("malformed") + "\"")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("not valid JSON"));
        postMeta("{\"object\":\"page\",\"entry\":" + "[".repeat(5000) + "]".repeat(5000) + "}").then().statusCode(400);
        postMeta("{\"object\":\"user\",\"entry\":[]}").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("user"));
        postMeta("{\"object\":\"whatsapp_business_account\"}").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("no entry"));
        postMeta("").then().statusCode(400);
        // A well-formed message for an account no tenant owns is skipped; the rest of the call still counts.
        String stranger = unique("wamid.stranger");
        postMeta(whatsappText("999999999999999", waId(), "Stranger", stranger, Instant.now(), "hello?")).then().statusCode(200)
                .body("skipped", is(1)).body("accepted", is(0));

        String sentinel = unique("wamid.sentinel");
        postMeta(whatsappText(WHATSAPP, waId(), "Sentinel", sentinel, Instant.now(), "after bad input")).then().statusCode(200);
        assertThat(f.contactsUntil(sentinel)).noneMatch(record -> record.contains(id) || record.contains(stranger));
    }

    // ---- WhatsApp inbound ------------------------------------------------------------------------

    @Test
    void aWhatsAppMessageBecomesAContactWithTheCustomersVerifiedPhoneAndJoinsItUntilTheContactEnds() {
        String wa = waId();
        String first = unique("wamid.first");
        postMeta(whatsappText(WHATSAPP, wa, "Jane Doe", first, Instant.now(), "My card was charged twice"))
                .then().statusCode(200).body("accepted", is(1));
        ContactCreated created = (ContactCreated) f.await(e -> e instanceof ContactCreated c && first.equals(c.metadata().get("providerMessageId")));
        assertThat(created.tenantId()).isEqualTo("acme-bank");
        assertThat(created.channel()).isEqualTo(Channel.SOCIAL);
        assertThat(created.entryPoint()).isEqualTo("whatsapp:" + WHATSAPP);
        assertThat(created.from().platform()).isEqualTo(SocialPlatform.WHATSAPP);
        assertThat(created.from().value()).isEqualTo(wa);
        assertThat(created.customerHints()).containsEntry("phone", "+" + wa).containsEntry("phone.verified", "true")
                .containsEntry("name", "Jane Doe");
        assertThat(created.metadata()).containsEntry("platform", "WHATSAPP");
        assertThat(created.text()).isEqualTo("My card was charged twice");
        ContactMessageReceived received = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && first.equals(m.metadata().get("providerMessageId")));
        assertThat(received.contactId()).isEqualTo(created.contactId());

        // The same message again (Meta retries on any non-2xx) is a no-op.
        postMeta(whatsappText(WHATSAPP, wa, "Jane Doe", first, Instant.now(), "My card was charged twice"))
                .then().statusCode(200).body("duplicates", is(1)).body("accepted", is(0));
        // The next message joins the open contact.
        String second = unique("wamid.second");
        postMeta(whatsappText(WHATSAPP, wa, "Jane Doe", second, Instant.now(), "Any news?")).then().statusCode(200);
        ContactMessageReceived next = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && second.equals(m.metadata().get("providerMessageId")));
        assertThat(next.contactId()).isEqualTo(created.contactId());
        List<String> records = f.contactsUntil(second);
        assertThat(records.stream().filter(r -> r.contains(first))).hasSize(2); // created + received, once each
        assertThat(records.stream().filter(r -> r.contains(second) && r.contains("contact.created"))).isEmpty();

        // Once the contact ends, the customer's next message opens a new one.
        f.kafka.publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), Channel.SOCIAL,
                ContactEnded.Reason.AGENT_ENDED, null, null, null, null, null), Fixture.SOURCE);
        String third = unique("wamid.third");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String id = third + System.nanoTime();
            postMeta(whatsappText(WHATSAPP, wa, "Jane Doe", id, Instant.now(), "Me again")).then().statusCode(200);
            ContactMessageReceived again = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                    && id.equals(m.metadata().get("providerMessageId")));
            assertThat(again.contactId()).isNotEqualTo(created.contactId());
        });
    }

    @Test
    void onePayloadWithManyEntriesMakesOneEventPerMessageForEachTenant() {
        String acmeCustomer = waId();
        String globexCustomer = waId();
        String a = unique("wamid.multiA");
        String b = unique("wamid.multiB");
        String c = unique("wamid.multiC");
        String unknown = unique("wamid.multiUnknown");
        long now = Instant.now().getEpochSecond();
        String body = """
                {"object":"whatsapp_business_account","entry":[
                 {"id":"WABA1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"%s"},
                   "contacts":[{"profile":{"name":"Ann"},"wa_id":"%s"}],
                   "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"one"}},
                               {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"two"}}]}}]},
                 {"id":"WABA2","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"%s"},
                   "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"hola"}}]}},
                   {"field":"messages","value":{"metadata":{"phone_number_id":"555555555555555"},
                   "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"lost"}}]}}]}]}
                """.formatted(WHATSAPP, acmeCustomer, acmeCustomer, a, now, acmeCustomer, b, now, GLOBEX_WHATSAPP, globexCustomer,
                c, now, globexCustomer, unknown, now);
        postMeta(body).then().statusCode(200).body("accepted", is(3)).body("skipped", is(1));
        ContactMessageReceived one = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && a.equals(m.metadata().get("providerMessageId")));
        ContactMessageReceived two = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && b.equals(m.metadata().get("providerMessageId")));
        ContactMessageReceived hola = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && c.equals(m.metadata().get("providerMessageId")));
        assertThat(one.tenantId()).isEqualTo("acme-bank");
        assertThat(two.contactId()).isEqualTo(one.contactId());
        assertThat(hola.tenantId()).isEqualTo("globex-travel");
        assertThat(hola.contactId()).isNotEqualTo(one.contactId());
    }

    // ---- WhatsApp outbound: the window, templates, retries, statuses --------------------------------

    @Test
    void outsideTheWindowThePolicyOffersTemplatesAFreeFormReplyIsRefusedAndATemplateGoesOut() {
        String wa = waId();
        String old = unique("wamid.old");
        Instant sentAt = Instant.now().minus(Duration.ofHours(30));
        postMeta(whatsappText(WHATSAPP, wa, "Old Timer", old, sentAt, "Hello from yesterday")).then().statusCode(200);
        ContactCreated created = (ContactCreated) f.await(e -> e instanceof ContactCreated c && old.equals(c.metadata().get("providerMessageId")));

        given().auth().oauth2(token("alice")).get("/api/contacts/{id}/reply-policy", created.contactId()).then().statusCode(200)
                .body("contactId", is(created.contactId())).body("channel", is("SOCIAL")).body("platform", is("WHATSAPP"))
                .body("canReply", is(false))
                .body("reason", org.hamcrest.Matchers.startsWith("WhatsApp's 24-hour customer service window closed at"))
                .body("windowClosesAt", is(Instant.ofEpochSecond(sentAt.getEpochSecond()).plus(Duration.ofHours(24)).toString()))
                .body("templates", hasSize(1)).body("templates[0].name", is("account_update"))
                .body("templates[0].language", is("en")).body("templates[0].parameters", is(2));

        String freeForm = unique("reply-");
        f.kafka.publish(reply(created.contactId(), freeForm, "Sorry for the wait", Map.of()), Fixture.SOURCE);
        ContactMessageFailed failed = (ContactMessageFailed) f.await(e -> e instanceof ContactMessageFailed m && freeForm.equals(m.messageId()));
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).contains("24-hour customer service window closed").contains("template");

        f.wireMock.register(post(urlPathEqualTo(WA_MESSAGES)).withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"template",
                         "template":{"name":"account_update","language":{"code":"en"},"components":[{"type":"body",
                         "parameters":[{"type":"text","text":"Jane"},{"type":"text","text":"R-42"}]}]}}""".formatted(wa)))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + wa + "\",\"wa_id\":\"" + wa
                        + "\"}],\"messages\":[{\"id\":\"wamid.tpl" + wa + "\"}]}")));
        String template = unique("reply-");
        f.kafka.publish(reply(created.contactId(), template, "Hello Jane, your request R-42 was updated.", Map.of(
                "template", "account_update", "templateLanguage", "en", "templateParameters", "[\"Jane\",\"R-42\"]")), Fixture.SOURCE);
        ContactMessageSent sent = (ContactMessageSent) f.await(e -> e instanceof ContactMessageSent m && template.equals(m.messageId()));
        assertThat(sent.text()).isEqualTo("Hello Jane, your request R-42 was updated.");
        assertThat(sent.to().value()).isEqualTo(wa);
        assertThat(sent.metadata()).containsEntry("template", "account_update").containsEntry("providerMessageId", "wamid.tpl" + wa);
        // The refused free-form reply never reached the Graph API.
        f.wireMock.verifyThat(0, postRequestedFor(urlPathEqualTo(WA_MESSAGES)).withRequestBody(matchingJsonPath("$.to", equalTo(wa)))
                .withRequestBody(matchingJsonPath("$.type", equalTo("text"))));

        // A template with the wrong number of parameters fails before any call.
        String wrong = unique("reply-");
        f.kafka.publish(reply(created.contactId(), wrong, "Hello", Map.of("template", "account_update", "templateParameters", "[\"Jane\"]")),
                Fixture.SOURCE);
        ContactMessageFailed wrongCount = (ContactMessageFailed) f.await(e -> e instanceof ContactMessageFailed m && wrong.equals(m.messageId()));
        assertThat(wrongCount.reason()).contains("takes 2 parameters");
    }

    @Test
    void aReplyInsideTheWindowIsRetriedOnRateLimitsSentOnceAndItsStatusesFollow() {
        String wa = waId();
        String in = unique("wamid.in");
        postMeta(whatsappText(WHATSAPP, wa, "Rita", in, Instant.now(), "Can you help?")).then().statusCode(200);
        ContactCreated created = (ContactCreated) f.await(e -> e instanceof ContactCreated c && in.equals(c.metadata().get("providerMessageId")));
        given().auth().oauth2(token("alice")).get("/api/contacts/{id}/reply-policy", created.contactId()).then().statusCode(200)
                .body("canReply", is(true)).body("reason", nullValue()).body("templates", hasSize(0));

        String scenario = "rate-" + wa;
        String providerId = "wamid.out" + wa;
        f.wireMock.register(post(urlPathEqualTo(WA_MESSAGES)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withHeader("Authorization", equalTo(BEARER)).withRequestBody(matchingJsonPath("$.to", equalTo(wa)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,
                         "error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},
                         "fbtrace_id":"A1"}}"""))
                .willSetStateTo("second"));
        f.wireMock.register(post(urlPathEqualTo(WA_MESSAGES)).inScenario(scenario).whenScenarioStateIs("second")
                .withHeader("Authorization", equalTo(BEARER)).withRequestBody(matchingJsonPath("$.to", equalTo(wa)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#80007) Rate limit issues","type":"OAuthException","code":80007,"fbtrace_id":"A2"}}"""))
                .willSetStateTo("third"));
        f.wireMock.register(post(urlPathEqualTo(WA_MESSAGES)).inScenario(scenario).whenScenarioStateIs("third")
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + wa
                        + "\",\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"We refunded it\"}}"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + providerId + "\"}]}")));

        String replyId = unique("reply-");
        ReplyRequested request = reply(created.contactId(), replyId, "We refunded it", Map.of());
        f.kafka.publish(request, Fixture.SOURCE);
        ContactMessageSent sent = (ContactMessageSent) f.await(e -> e instanceof ContactMessageSent m && replyId.equals(m.messageId()));
        assertThat(sent.metadata()).containsEntry("providerMessageId", providerId).containsEntry("platform", "WHATSAPP");
        f.wireMock.verifyThat(3, postRequestedFor(urlPathEqualTo(WA_MESSAGES)).withRequestBody(matchingJsonPath("$.to", equalTo(wa))));

        // Redelivered: the same outcome again (same event id), no second send.
        f.kafka.publish(request, Fixture.SOURCE);
        String sentinel = unique("wamid.sentinel");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(f.kafka.await(io.switchboard.events.Topics.CONTACTS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(replyId)
                        && new String(r.value(), StandardCharsets.UTF_8).contains("contact.message.sent"), 2, Duration.ofSeconds(10)))
                .extracting(r -> io.switchboard.testing.kafka.KafkaTestClient.decode(r).eventId()).containsOnly(sent.eventId()));
        f.wireMock.verifyThat(3, postRequestedFor(urlPathEqualTo(WA_MESSAGES)).withRequestBody(matchingJsonPath("$.to", equalTo(wa))));

        // Statuses for the reply become contact.message.status events; an unknown id publishes nothing.
        postMeta(whatsappStatus(providerId, wa, "delivered", null)).then().statusCode(200).body("statuses", is(1));
        postMeta(whatsappStatus(providerId, wa, "read", null)).then().statusCode(200);
        postMeta(whatsappStatus("wamid.nobody" + sentinel, wa, "read", null)).then().statusCode(200).body("statuses", is(0));
        ContactMessageStatusChanged delivered = (ContactMessageStatusChanged) f.await(e -> e instanceof ContactMessageStatusChanged s
                && replyId.equals(s.messageId()) && s.status() == ContactMessageStatusChanged.Status.DELIVERED);
        assertThat(delivered.contactId()).isEqualTo(created.contactId());
        assertThat(delivered.providerStatus()).isEqualTo("delivered");
        f.await(e -> e instanceof ContactMessageStatusChanged s && replyId.equals(s.messageId())
                && s.status() == ContactMessageStatusChanged.Status.READ);
    }

    @Test
    void invalidRecipientsAndFailedDeliveriesAreReportedWithThePlatformsReason() {
        String wa = waId();
        String in = unique("wamid.in");
        postMeta(whatsappText(WHATSAPP, wa, "Ivan", in, Instant.now(), "Hi")).then().statusCode(200);
        ContactCreated created = (ContactCreated) f.await(e -> e instanceof ContactCreated c && in.equals(c.metadata().get("providerMessageId")));
        f.wireMock.register(post(urlPathEqualTo(WA_MESSAGES)).withRequestBody(matchingJsonPath("$.to", equalTo(wa)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
                         "error_data":{"messaging_product":"whatsapp","details":"Message Undeliverable."},"fbtrace_id":"B1"}}""")));
        String replyId = unique("reply-");
        f.kafka.publish(reply(created.contactId(), replyId, "Hello?", Map.of()), Fixture.SOURCE);
        ContactMessageFailed failed = (ContactMessageFailed) f.await(e -> e instanceof ContactMessageFailed m && replyId.equals(m.messageId()));
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).contains("131026").contains("Message undeliverable");
        f.wireMock.verifyThat(1, postRequestedFor(urlPathEqualTo(WA_MESSAGES)).withRequestBody(matchingJsonPath("$.to", equalTo(wa))));

        // A reply that was accepted, then failed on the way (131047 re-engagement), is reported as FAILED with the reason.
        String providerId = "wamid.late" + wa;
        f.wireMock.register(post(urlPathEqualTo(WA_MESSAGES)).atPriority(1).withRequestBody(matchingJsonPath("$.to", equalTo(wa)))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("Second try")))
                .willReturn(okJson("{\"messages\":[{\"id\":\"" + providerId + "\"}]}")));
        String second = unique("reply-");
        f.kafka.publish(reply(created.contactId(), second, "Second try", Map.of()), Fixture.SOURCE);
        f.await(e -> e instanceof ContactMessageSent m && second.equals(m.messageId()));
        postMeta(whatsappStatus(providerId, wa, "failed",
                "[{\"code\":131047,\"title\":\"Re-engagement message\",\"error_data\":{\"details\":\"Message failed to send because more than 24 hours have passed\"}}]"))
                .then().statusCode(200);
        ContactMessageStatusChanged status = (ContactMessageStatusChanged) f.await(e -> e instanceof ContactMessageStatusChanged s
                && second.equals(s.messageId()));
        assertThat(status.status()).isEqualTo(ContactMessageStatusChanged.Status.FAILED);
        assertThat(status.providerStatus()).isEqualTo("failed/131047");
        assertThat(status.reason()).startsWith("Re-engagement message");
    }

    // ---- Messenger and Instagram ------------------------------------------------------------------

    @Test
    void messengerAndInstagramMessagesBecomeContactsAndRepliesGoThroughMeMessages() {
        String psid = unique("PSID");
        String mid = unique("m_");
        long now = Instant.now().toEpochMilli();
        postMeta("""
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                 "timestamp":%d,"message":{"mid":"%s","text":"Is the branch open?"}}]}]}""".formatted(PAGE, now, psid, PAGE, now, mid))
                .then().statusCode(200).body("accepted", is(1));
        ContactCreated created = (ContactCreated) f.await(e -> e instanceof ContactCreated c && mid.equals(c.metadata().get("providerMessageId")));
        assertThat(created.metadata()).containsEntry("platform", "MESSENGER");
        assertThat(created.from().platform()).isEqualTo(SocialPlatform.MESSENGER);
        assertThat(created.customerHints()).doesNotContainKey("phone");

        f.wireMock.register(post(urlPathEqualTo("/graph/v21.0/me/messages")).withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + psid + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Until 5pm\"}}"))
                .willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_out" + psid + "\"}")));
        String replyId = unique("reply-");
        f.kafka.publish(reply(created.contactId(), replyId, "Until 5pm", Map.of()), Fixture.SOURCE);
        ContactMessageSent sent = (ContactMessageSent) f.await(e -> e instanceof ContactMessageSent m && replyId.equals(m.messageId()));
        assertThat(sent.metadata()).containsEntry("platform", "MESSENGER").containsEntry("providerMessageId", "m_out" + psid);
        // Messenger's delivery receipt names the mid.
        postMeta("""
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                 "timestamp":%d,"delivery":{"mids":["m_out%s"],"watermark":%d}}]}]}""".formatted(PAGE, now, psid, PAGE, now, psid, now))
                .then().statusCode(200).body("statuses", is(1));
        f.await(e -> e instanceof ContactMessageStatusChanged s && replyId.equals(s.messageId())
                && s.status() == ContactMessageStatusChanged.Status.DELIVERED);

        // A template is a WhatsApp feature.
        String tpl = unique("reply-");
        f.kafka.publish(reply(created.contactId(), tpl, "Hello", Map.of("template", "account_update")), Fixture.SOURCE);
        assertThat(((ContactMessageFailed) f.await(e -> e instanceof ContactMessageFailed m && tpl.equals(m.messageId()))).reason())
                .contains("WhatsApp feature");

        String igsid = unique("IGSID");
        String igMid = unique("ig_");
        postMeta("""
                {"object":"instagram","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                 "timestamp":%d,"message":{"mid":"%s","text":"Love the new app"}}]}]}""".formatted(INSTAGRAM, now, igsid, INSTAGRAM, now, igMid))
                .then().statusCode(200).body("accepted", is(1));
        ContactCreated ig = (ContactCreated) f.await(e -> e instanceof ContactCreated c && igMid.equals(c.metadata().get("providerMessageId")));
        assertThat(ig.metadata()).containsEntry("platform", "INSTAGRAM");
        assertThat(ig.entryPoint()).isEqualTo("instagram:" + INSTAGRAM);
    }

    // ---- Telegram --------------------------------------------------------------------------------

    @Test
    void telegramUpdatesNeedTheBotsSecretAndRepliesGoThroughSendMessageWithRetryAfter() {
        long chat = 100_000 + (long) (Math.random() * 1_000_000);
        String update = """
                {"update_id":%d,"message":{"message_id":7,"date":%d,"text":"Hello bank",
                 "from":{"id":%d,"is_bot":false,"first_name":"Tom","last_name":"Smith","username":"tsmith"},
                 "chat":{"id":%d,"type":"private","first_name":"Tom"}}}""".formatted(chat, Instant.now().getEpochSecond(), chat, chat);
        postTelegram(update, "wrong-secret-value").then().statusCode(403);
        given().contentType("application/json").body(update).post("/webhooks/telegram/" + BOT).then().statusCode(403);
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", BOT_SECRET).body(update)
                .post("/webhooks/telegram/other_bot").then().statusCode(403);
        postTelegram(update, BOT_SECRET).then().statusCode(200).body("accepted", is(1));
        postTelegram(update, BOT_SECRET).then().statusCode(200).body("duplicates", is(1));
        String providerId = BOT + ":" + chat + ":7";
        ContactCreated created = (ContactCreated) f.await(e -> e instanceof ContactCreated c
                && providerId.equals(c.metadata().get("providerMessageId")));
        assertThat(created.customerHints()).containsEntry("name", "Tom Smith").containsEntry("telegram.username", "tsmith");
        assertThat(created.metadata()).containsEntry("platform", "TELEGRAM");
        assertThat(created.entryPoint()).isEqualTo("telegram:" + BOT);

        String path = "/telegram/bot123456:test-telegram-bot-token/sendMessage";
        String scenario = "tg-" + chat;
        f.wireMock.register(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chat))))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}"))
                .willSetStateTo("ok"));
        f.wireMock.register(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("ok")
                .withRequestBody(equalToJson("{\"chat_id\":\"" + chat + "\",\"text\":\"Hi Tom\"}"))
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":8,\"chat\":{\"id\":" + chat + "},\"text\":\"Hi Tom\"}}")));
        String replyId = unique("reply-");
        long before = System.nanoTime();
        f.kafka.publish(reply(created.contactId(), replyId, "Hi Tom", Map.of()), Fixture.SOURCE);
        ContactMessageSent sent = (ContactMessageSent) f.await(e -> e instanceof ContactMessageSent m && replyId.equals(m.messageId()));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("waited for retry_after").isGreaterThan(Duration.ofMillis(900));
        assertThat(sent.metadata()).containsEntry("providerMessageId", BOT + ":" + chat + ":8");
        f.wireMock.verifyThat(2, postRequestedFor(urlPathEqualTo(path)).withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chat)))));

        given().auth().oauth2(token("alice")).get("/api/contacts/{id}/reply-policy", created.contactId()).then().statusCode(200)
                .body("platform", is("TELEGRAM")).body("canReply", is(true)).body("windowClosesAt", nullValue());
    }

    // ---- Media -----------------------------------------------------------------------------------

    @Test
    void whatsAppMediaIsFetchedThroughTheGraphApiStoredAndServedToTheTenantsAgentsOnly() {
        String wa = waId();
        String mediaId = unique("MEDIA");
        String bigId = unique("BIG");
        byte[] jpeg = new byte[1234];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        f.wireMock.register(get(urlPathEqualTo("/graph/v21.0/" + mediaId)).withHeader("Authorization", equalTo(BEARER))
                .willReturn(okJson("{\"url\":\"" + graphBase() + "/files/" + mediaId + "\",\"mime_type\":\"image/jpeg\","
                        + "\"sha256\":\"x\",\"file_size\":1234,\"id\":\"" + mediaId + "\",\"messaging_product\":\"whatsapp\"}")));
        f.wireMock.register(get(urlPathEqualTo("/graph/files/" + mediaId)).withHeader("Authorization", equalTo(BEARER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        f.wireMock.register(get(urlPathEqualTo("/graph/v21.0/" + bigId)).withHeader("Authorization", equalTo(BEARER))
                .willReturn(okJson("{\"url\":\"" + graphBase() + "/files/" + bigId + "\",\"mime_type\":\"application/pdf\","
                        + "\"file_size\":900000,\"id\":\"" + bigId + "\"}")));
        String id = unique("wamid.media");
        long now = Instant.now().getEpochSecond();
        postMeta("""
                {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"messages","value":{
                 "metadata":{"phone_number_id":"%s"},"contacts":[{"profile":{"name":"Pia"},"wa_id":"%s"}],
                 "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"image","image":{"id":"%s","mime_type":"image/jpeg","caption":"the receipt"}},
                             {"from":"%s","id":"%s-2","timestamp":"%d","type":"document","document":{"id":"%s","mime_type":"application/pdf","filename":"statement.pdf"}}]}}]}]}
                """.formatted(WHATSAPP, wa, wa, id, now, mediaId, wa, id, now, bigId)).then().statusCode(200).body("accepted", is(2));
        ContactMessageReceived image = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && id.equals(m.metadata().get("providerMessageId")));
        assertThat(image.text()).isEqualTo("the receipt");
        assertThat(image.attachments()).singleElement().satisfies(a -> {
            assertThat(a.contentType()).isEqualTo("image/jpeg");
            assertThat(a.sizeBytes()).isEqualTo(1234);
            assertThat(a.uri().toString()).endsWith("/api/social/attachments/" + a.id());
        });
        String attachment = image.attachments().get(0).id();
        byte[] served = given().auth().oauth2(token("alice")).get("/api/social/attachments/{id}", attachment).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"))
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertThat(served).isEqualTo(jpeg);
        given().auth().oauth2(token("dave")).get("/api/social/attachments/{id}", attachment).then().statusCode(404);
        given().get("/api/social/attachments/{id}", attachment).then().statusCode(401);

        ContactMessageReceived document = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && (id + "-2").equals(m.metadata().get("providerMessageId")));
        assertThat(document.attachments()).isEmpty();
        assertThat(document.metadata().get("attachmentsOmitted")).contains("statement.pdf").contains("900000 bytes");
        f.wireMock.verifyThat(0, getRequestedFor(urlPathEqualTo("/graph/files/" + bigId)));
    }

    @Test
    void telegramPhotosAndMessengerAttachmentsAreFetchedAndStored() {
        long chat = 2_000_000 + (long) (Math.random() * 1_000_000);
        String fileId = unique("AgAD");
        byte[] photo = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4};
        f.wireMock.register(get(urlPathEqualTo("/telegram/bot123456:test-telegram-bot-token/getFile"))
                .withQueryParam("file_id", equalTo(fileId))
                .willReturn(okJson("{\"ok\":true,\"result\":{\"file_id\":\"" + fileId + "\",\"file_size\":6,\"file_path\":\"photos/file_"
                        + fileId + ".jpg\"}}")));
        f.wireMock.register(get(urlPathEqualTo("/telegram/file/bot123456:test-telegram-bot-token/photos/file_" + fileId + ".jpg"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(photo)));
        postTelegram("""
                {"update_id":%d,"message":{"message_id":3,"date":%d,"caption":"my receipt",
                 "from":{"id":%d,"is_bot":false,"first_name":"Ana"},"chat":{"id":%d,"type":"private"},
                 "photo":[{"file_id":"small","file_unique_id":"s","width":90,"height":90},
                          {"file_id":"%s","file_unique_id":"l","width":800,"height":800,"file_size":6}]}}"""
                .formatted(chat, Instant.now().getEpochSecond(), chat, chat, fileId), BOT_SECRET).then().statusCode(200);
        ContactMessageReceived tg = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && (BOT + ":" + chat + ":3").equals(m.metadata().get("providerMessageId")));
        assertThat(tg.text()).isEqualTo("my receipt");
        assertThat(tg.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("file_" + fileId + ".jpg");
            assertThat(a.sizeBytes()).isEqualTo(6);
        });
        byte[] served = given().auth().oauth2(token("alice")).get("/api/social/attachments/{id}", tg.attachments().get(0).id())
                .then().statusCode(200).extract().asByteArray();
        assertThat(served).isEqualTo(photo);

        // Files go back through sendPhoto (images) and sendDocument (the rest), by URL, after the text.
        String bot = "/telegram/bot123456:test-telegram-bot-token/";
        f.wireMock.register(post(urlPathEqualTo(bot + "sendMessage")).withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chat))))
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":20}}")));
        f.wireMock.register(post(urlPathEqualTo(bot + "sendPhoto")).withRequestBody(equalToJson(
                "{\"chat_id\":\"" + chat + "\",\"photo\":\"https://files.example/statement.png\"}"))
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":21}}")));
        f.wireMock.register(post(urlPathEqualTo(bot + "sendDocument")).withRequestBody(equalToJson(
                "{\"chat_id\":\"" + chat + "\",\"document\":\"https://files.example/terms.pdf\"}"))
                .willReturn(okJson("{\"ok\":true,\"result\":{\"message_id\":22}}")));
        String withFiles = unique("reply-");
        f.kafka.publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), tg.contactId(), withFiles, Channel.SOCIAL,
                "alice", "Here you are", List.of(
                        new io.switchboard.events.AttachmentRef("a1", "statement.png", "image/png", 10, java.net.URI.create("https://files.example/statement.png")),
                        new io.switchboard.events.AttachmentRef("a2", "terms.pdf", "application/pdf", 10, java.net.URI.create("https://files.example/terms.pdf"))),
                Map.of()), Fixture.SOURCE);
        ContactMessageSent filesSent = (ContactMessageSent) f.await(e -> e instanceof ContactMessageSent m && withFiles.equals(m.messageId()));
        assertThat(filesSent.metadata()).containsEntry("providerMessageId", BOT + ":" + chat + ":20");
        f.wireMock.verifyThat(1, postRequestedFor(urlPathEqualTo(bot + "sendPhoto")).withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chat)))));
        f.wireMock.verifyThat(1, postRequestedFor(urlPathEqualTo(bot + "sendDocument")).withRequestBody(matchingJsonPath("$.chat_id", equalTo(String.valueOf(chat)))));

        String psid = unique("PSID");
        String mid = unique("m_");
        String cdn = graphBase().replace("/graph", "/cdn/") + mid + ".pdf";
        f.wireMock.register(get(urlPathEqualTo("/cdn/" + mid + ".pdf")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pdf").withBody("%PDF-1.4 x")));
        long now = Instant.now().toEpochMilli();
        postMeta("""
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                 "timestamp":%d,"message":{"mid":"%s","attachments":[{"type":"file","payload":{"url":"%s"}}]}}]}]}"""
                .formatted(PAGE, now, psid, PAGE, now, mid, cdn)).then().statusCode(200);
        ContactMessageReceived file = (ContactMessageReceived) f.await(e -> e instanceof ContactMessageReceived m
                && mid.equals(m.metadata().get("providerMessageId")));
        assertThat(file.attachments()).singleElement().satisfies(a -> assertThat(a.contentType()).isEqualTo("application/pdf"));
        // The CDN link is fetched without the Graph token.
        f.wireMock.verifyThat(1, getRequestedFor(urlPathEqualTo("/cdn/" + mid + ".pdf")).withoutHeader("Authorization"));
    }

    @Test
    void messengerRepliesAfter24HoursCarryTheHumanAgentTagAndAfter7DaysAreRefused() {
        String psid = unique("PSID");
        String mid = unique("m_");
        long threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).toEpochMilli();
        postMeta("""
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                 "timestamp":%d,"message":{"mid":"%s","text":"Still there?"}}]}]}""".formatted(PAGE, threeDaysAgo, psid, PAGE,
                threeDaysAgo, mid)).then().statusCode(200);
        ContactCreated created = (ContactCreated) f.await(e -> e instanceof ContactCreated c && mid.equals(c.metadata().get("providerMessageId")));
        given().auth().oauth2(token("sam")).get("/api/contacts/{id}/reply-policy", created.contactId()).then().statusCode(200)
                .body("platform", is("MESSENGER")).body("canReply", is(true))
                .body("windowClosesAt", is(Instant.ofEpochMilli(threeDaysAgo).plus(Duration.ofDays(7)).toString()));
        f.wireMock.register(post(urlPathEqualTo("/graph/v21.0/me/messages")).withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + psid + "\"},\"messaging_type\":\"MESSAGE_TAG\","
                        + "\"tag\":\"HUMAN_AGENT\",\"message\":{\"text\":\"Yes, sorry\"}}"))
                .willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_tag" + psid + "\"}")));
        String replyId = unique("reply-");
        f.kafka.publish(reply(created.contactId(), replyId, "Yes, sorry", Map.of()), Fixture.SOURCE);
        f.await(e -> e instanceof ContactMessageSent m && replyId.equals(m.messageId()));

        String oldPsid = unique("PSID");
        String oldMid = unique("m_");
        long eightDaysAgo = Instant.now().minus(Duration.ofDays(8)).toEpochMilli();
        postMeta("""
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},"recipient":{"id":"%s"},
                 "timestamp":%d,"message":{"mid":"%s","text":"Hello?"}}]}]}""".formatted(PAGE, eightDaysAgo, oldPsid, PAGE,
                eightDaysAgo, oldMid)).then().statusCode(200);
        ContactCreated old = (ContactCreated) f.await(e -> e instanceof ContactCreated c && oldMid.equals(c.metadata().get("providerMessageId")));
        given().auth().oauth2(token("sam")).get("/api/contacts/{id}/reply-policy", old.contactId()).then().statusCode(200)
                .body("canReply", is(false)).body("templates", hasSize(0))
                .body("reason", org.hamcrest.Matchers.startsWith("Messenger's messaging window closed at"));
        String refused = unique("reply-");
        f.kafka.publish(reply(old.contactId(), refused, "Hello", Map.of()), Fixture.SOURCE);
        assertThat(((ContactMessageFailed) f.await(e -> e instanceof ContactMessageFailed m && refused.equals(m.messageId()))).permanent())
                .isTrue();
        f.wireMock.verifyThat(0, postRequestedFor(urlPathEqualTo("/graph/v21.0/me/messages"))
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(oldPsid))));
    }

    @Test
    void readinessIsUpOnceTheTenantsConfigurationWasRead() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'entry-points' }.status", is("UP"));
    }

    private static String graphBase() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("switchboard.social.meta.graph-api-base-url", String.class);
    }

    private static String token(String user) {
        return KeycloakServer.shared().accessToken(user);
    }

    private static ReplyRequested reply(String contactId, String messageId, String text, Map<String, String> metadata) {
        return new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, messageId, Channel.SOCIAL, "alice", text,
                List.of(), metadata);
    }
}
