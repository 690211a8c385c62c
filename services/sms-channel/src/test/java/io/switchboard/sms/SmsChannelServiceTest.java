package io.switchboard.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.sms.SmsTestSupport.ACCOUNT;
import static io.switchboard.sms.SmsTestSupport.ACME_NUMBER;
import static io.switchboard.sms.SmsTestSupport.GLOBEX_NUMBER;
import static io.switchboard.sms.SmsTestSupport.SOURCE;
import static io.switchboard.sms.SmsTestSupport.TOKEN;
import static io.switchboard.sms.SmsTestSupport.customer;
import static io.switchboard.sms.SmsTestSupport.encode;
import static io.switchboard.sms.SmsTestSupport.postRaw;
import static io.switchboard.sms.SmsTestSupport.sid;
import static io.switchboard.sms.SmsTestSupport.signature;
import static io.switchboard.sms.SmsTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactMessageStatusChanged;
import io.switchboard.events.OptOutChanged;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.sms.domain.VonageSignature;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The SMS channel against real parts: a Kafka broker, PostgreSQL, Keycloak tokens, and WireMock as
 * Twilio's REST API and media host over real HTTP. Every test texts from its own customer number, so
 * tests share the service without seeing each other.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "sms"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockResource.class)
@WithTestResource(SmscResource.class)
class SmsChannelServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SMS = "/webhooks/twilio/sms";
    private static final String STATUS = "/webhooks/twilio/status";
    private static final String VONAGE_SECRET = "test-vonage-signature-secret";
    private static final String MESSAGES = "/twilio/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    @Inject
    NumberDirectory directory;
    @Inject
    DataSource dataSource;

    private KafkaTestClient kafka;
    private String bootstrap;
    private final WireMockServer twilio = WireMockResource.server();

    @BeforeEach
    void configure() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        kafka = new KafkaTestClient(bootstrap);
        SmsTestSupport.configureTenants(kafka);
        await().atMost(WAIT).until(() -> directory.route(GLOBEX_NUMBER).isPresent() && directory.route(ACME_NUMBER).isPresent());
        // Any text the channel sends on its own (keyword answers) is accepted unless a test says otherwise.
        twilio.stubFor(post(urlEqualTo(MESSAGES)).atPriority(10).willReturn(created(sid())));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aTextBecomesAContactOnceStoredAndOnKafka() throws Exception {
        String from = customer();
        String sid = sid();
        SmsTestSupport.post(SMS, text(sid, from, ACME_NUMBER, "My card was charged twice 💳"))
                .then().statusCode(200).contentType(containsString("text/xml")).body(containsString("<Response>"));

        // 200 came after the broker's acknowledgement: the events are there already.
        List<ContactEvent> events = eventsFrom(from);
        assertThat(events).hasSize(2);
        ContactCreated created = (ContactCreated) events.get(0);
        assertThat(created.tenantId()).isEqualTo("acme-bank");
        assertThat(created.channel()).isEqualTo(Channel.SMS);
        assertThat(created.entryPoint()).isEqualTo(ACME_NUMBER);
        assertThat(created.from().value()).isEqualTo(from);
        assertThat(created.to().value()).isEqualTo(ACME_NUMBER);
        ContactMessageReceived received = (ContactMessageReceived) events.get(1);
        assertThat(received.contactId()).isEqualTo(created.contactId());
        assertThat(received.text()).isEqualTo("My card was charged twice 💳");
        assertThat(received.metadata()).containsEntry("providerMessageId", sid).containsEntry("provider", "twilio");
        assertThat(status(sid)).isEqualTo("PUBLISHED");
    }

    @Test
    void aRepeatedMessageSidIsANoOpThatAnswers200Again() throws Exception {
        String from = customer();
        String sid = sid();
        var form = text(sid, from, ACME_NUMBER, "Are you open on Sunday?");
        SmsTestSupport.post(SMS, form).then().statusCode(200);
        SmsTestSupport.post(SMS, form).then().statusCode(200);
        SmsTestSupport.post(SMS, form).then().statusCode(200);
        assertThat(eventsFrom(from)).hasSize(2);
        assertThat(count("SELECT count(*) FROM inbound_sms WHERE provider_message_id = ?", sid)).isEqualTo(1);
    }

    @Test
    void textsWithinTheWindowJoinOneContactAndAnEndedOrExpiredContactIsNotJoined() throws Exception {
        String from = customer();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "Hi")).then().statusCode(200);
        SmsTestSupport.post(SMS, text(sid(), from, "+44 7700 900100", "It's about my loan")).then().statusCode(200);
        List<ContactEvent> first = eventsFrom(from);
        assertThat(first).hasSize(3);
        String contactId = first.get(0).contactId();
        assertThat(first).allMatch(e -> e.contactId().equals(contactId));
        assertThat(first.stream().filter(ContactCreated.class::isInstance)).hasSize(1);

        // The agent wraps up: the next text opens a new contact.
        kafka.publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.SMS,
                ContactEnded.Reason.AGENT_ENDED, "resolved", null, null, null, null), SOURCE);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM conversation WHERE contact_id = ? AND ended_at IS NOT NULL",
                contactId) == 1);
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "One more thing")).then().statusCode(200);
        List<ContactCreated> created = createdFor(from);
        assertThat(created).hasSize(2);
        String next = created.stream().map(ContactEvent::contactId).filter(id -> !id.equals(contactId)).findFirst().orElseThrow();
        // An ended contact is history, not an open one passed over.
        assertThat(created.stream().filter(c -> c.contactId().equals(next)).findFirst().orElseThrow().metadata())
                .doesNotContainKey("previousContactId");

        // An open contact whose customer last wrote more than 24 h ago is not joined either.
        execute("UPDATE conversation SET last_inbound_at = now() - interval '25 hours' WHERE contact_id = ?", next);
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "Hello again, a day later")).then().statusCode(200);
        List<ContactCreated> third = createdFor(from);
        assertThat(third).hasSize(3);
        assertThat(third).anyMatch(c -> !c.contactId().equals(contactId) && !c.contactId().equals(next)
                && next.equals(c.metadata().get("previousContactId")));
    }

    private List<ContactCreated> createdFor(String number) {
        return eventsFrom(number).stream().filter(ContactCreated.class::isInstance).map(ContactCreated.class::cast).toList();
    }

    @Test
    void anUnknownNumberGetsA404AndNothingIsStoredOrPublished() throws Exception {
        String from = customer();
        String sid = sid();
        SmsTestSupport.post(SMS, text(sid, from, "+447700900999", "Hello?")).then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("detail", containsString("+447700900999"));
        assertThat(count("SELECT count(*) FROM inbound_sms WHERE provider_message_id = ?", sid)).isZero();
        assertThat(eventsFrom(from)).isEmpty();
    }

    @Test
    void missingTamperedOrMisaddressedSignaturesGet403AreCountedAndLeaveNothing() throws Exception {
        String from = customer();
        String sid = sid();
        var form = text(sid, from, ACME_NUMBER, "Transfer everything");
        double before = rejected();
        byte[] body = encode(form).getBytes(StandardCharsets.US_ASCII);
        postRaw(SMS, body, null).then().statusCode(403).contentType(containsString("application/problem+json"));
        postRaw(SMS, body, "bm90IGEgc2lnbmF0dXJl").then().statusCode(403);
        // Signed by someone with another token.
        var other = new java.util.LinkedHashMap<String, List<String>>();
        form.forEach((k, v) -> other.put(k, List.of(v)));
        postRaw(SMS, body, io.switchboard.service.webhook.TwilioSignature.sign("guess", SmsTestSupport.PUBLIC_URL + SMS, other))
                .then().statusCode(403);
        // Signed over the address the request reached (the Host header), not the configured public URL.
        postRaw(SMS, body, io.switchboard.service.webhook.TwilioSignature.sign(TOKEN, "http://localhost:8081" + SMS, other))
                .then().statusCode(403);
        // A signature of the original body on a changed one.
        String signature = signature(SMS, form);
        var tampered = new java.util.LinkedHashMap<>(form);
        tampered.put("Body", "Transfer everything to me");
        postRaw(SMS, encode(tampered).getBytes(StandardCharsets.US_ASCII), signature).then().statusCode(403);
        // A signature for the status webhook replayed on the inbound one.
        postRaw(SMS, body, signature(STATUS, form)).then().statusCode(403);

        assertThat(rejected() - before).isEqualTo(6.0);
        assertThat(count("SELECT count(*) FROM inbound_sms WHERE provider_message_id = ?", sid)).isZero();
        assertThat(eventsFrom(from)).isEmpty();
    }

    @Test
    void badInputGetsAClearAnswerAndLeavesNothing() throws Exception {
        String from = customer();
        String sid = sid();
        var good = text(sid, from, ACME_NUMBER, "x".repeat(100));

        // Too large: 413 before anything else.
        var large = new java.util.LinkedHashMap<>(good);
        large.put("Body", "x".repeat(20_000));
        SmsTestSupport.post(SMS, large).then().statusCode(413).body("detail", containsString("at most 16384"));
        // Not a form.
        given().contentType("application/json").header("X-Twilio-Signature", signature(SMS, good)).body("{\"Body\":\"hi\"}")
                .post(SMS).then().statusCode(415);
        // Malformed escapes, invalid UTF-8, an unpaired surrogate (each signed as well as one can).
        for (String raw : new String[] {"Body=%E2%82", "Body=%zz", "Body=%ED%A0%BD", "Body=caf\u00e9"}) {
            String bodyText = "MessageSid=" + sid + "&From=%2B" + from.substring(1) + "&To=%2B447700900100&" + raw;
            postRaw(SMS, bodyText.getBytes(StandardCharsets.ISO_8859_1), signature(SMS, good)).then().statusCode(400)
                    .contentType(containsString("application/problem+json"));
        }
        // Signed, but missing or unreadable fields.
        var noFrom = new java.util.LinkedHashMap<>(good);
        noFrom.remove("From");
        SmsTestSupport.post(SMS, noFrom).then().statusCode(400).body("detail", containsString("From"));
        var badFrom = new java.util.LinkedHashMap<>(good);
        badFrom.put("From", "not-a-number");
        SmsTestSupport.post(SMS, badFrom).then().statusCode(400).body("detail", containsString("From"));
        var badMedia = new java.util.LinkedHashMap<>(good);
        badMedia.put("NumMedia", "many");
        SmsTestSupport.post(SMS, badMedia).then().statusCode(400).body("detail", containsString("NumMedia"));
        var noSid = new java.util.LinkedHashMap<>(good);
        noSid.remove("MessageSid");
        noSid.remove("SmsSid");
        SmsTestSupport.post(SMS, noSid).then().statusCode(400);

        assertThat(count("SELECT count(*) FROM inbound_sms WHERE provider_message_id = ?", sid)).isZero();
        assertThat(eventsFrom(from)).isEmpty();
        // The same text, well-formed, is then taken.
        SmsTestSupport.post(SMS, good).then().statusCode(200);
        assertThat(eventsFrom(from)).hasSize(2);
    }

    @Test
    void stopOptsOutTheAgentSeesWhyAndAReplyIsRefusedStartOptsBackIn() throws Exception {
        String from = customer();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "What is my balance?")).then().statusCode(200);
        String contactId = eventsFrom(from).get(0).contactId();
        given().auth().oauth2(token("alice")).get("/api/contacts/{id}/reply-policy", contactId).then().statusCode(200)
                .body("canReply", equalTo(true)).body("channel", equalTo("SMS")).body("templates.size()", equalTo(0));

        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "Stop")).then().statusCode(200);
        // The keyword shows in the open contact, so the agent sees why.
        ContactMessageReceived keyword = (ContactMessageReceived) eventsFrom(from).get(2);
        assertThat(keyword.contactId()).isEqualTo(contactId);
        assertThat(keyword.metadata()).containsEntry("keyword", "STOP").containsEntry("compliance", "OPT_OUT");
        // A confirmation goes back through the provider.
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentTo(from)).anyMatch(b -> b.contains("unsubscribed")));

        given().auth().oauth2(token("alice")).get("/api/contacts/{id}/reply-policy", contactId).then().statusCode(200)
                .body("canReply", equalTo(false)).body("reason", containsString(from + " opted out with STOP on "));
        given().auth().oauth2(token("sam")).get("/api/tenants/acme-bank/opt-outs").then().statusCode(200)
                .body("find { it.number == '" + from + "' }.keyword", equalTo("STOP"));

        // A reply tried anyway is refused, permanently, and never reaches the provider.
        String replyId = UUID.randomUUID().toString();
        kafka.publish(reply(contactId, replyId, "Your balance is £12"), SOURCE);
        ContactMessageFailed failed = (ContactMessageFailed) awaitOutcome(replyId);
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).contains("opted out with STOP");
        assertThat(sentTo(from)).noneMatch(b -> b.contains("balance"));

        // Opt-outs survive: they are rows, read on every decision. START opts back in.
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "START")).then().statusCode(200);
        given().auth().oauth2(token("alice")).get("/api/contacts/{id}/reply-policy", contactId).then().statusCode(200)
                .body("canReply", equalTo(true));
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentTo(from)).anyMatch(b -> b.contains("resubscribed")));

        // Both words reach the consent topic, keyed by tenant and number, for campaigns and surveys.
        List<OptOutChanged> consent = SmsTestSupport.events(bootstrap, Topics.CONSENT).stream()
                .filter(e -> e instanceof OptOutChanged o && o.address().value().equals(from)).map(OptOutChanged.class::cast).toList();
        assertThat(consent).extracting(OptOutChanged::optedOut, OptOutChanged::source)
                .containsExactly(tuple(true, "sms-stop"), tuple(false, "sms-start"));
        assertThat(consent).allSatisfy(o -> {
            assertThat(o.tenantId()).isEqualTo("acme-bank");
            assertThat(o.subject()).isEqualTo("optout:acme-bank:" + from);
        });
    }

    @Test
    void anEndedContactIsSurveyedByTextOnceAndTheScoreRepliedIsItsAnswerNotANewContact() throws Exception {
        String from = customer();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "Where is my new card?")).then().statusCode(200);
        String contactId = eventsFrom(from).get(0).contactId();
        ContactEnded ended = new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.SMS,
                ContactEnded.Reason.AGENT_ENDED, "resolved", null, null, null, null);
        kafka.publish(ended, SOURCE);
        kafka.publish(ended, SOURCE);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentTo(from)).filteredOn(b -> b.contains("How satisfied were you"))
                .hasSize(1).allMatch(b -> b.contains("Thank you for contacting Acme Bank")));

        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "4 thanks, very quick")).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsFor(contactId)).filteredOn(ContactSurveyAnswered.class::isInstance)
                .singleElement().satisfies(e -> {
                    ContactSurveyAnswered answer = (ContactSurveyAnswered) e;
                    assertThat(answer.score()).isEqualTo(4);
                    assertThat(answer.comment()).isEqualTo("thanks, very quick");
                    assertThat(answer.channel()).isEqualTo(Channel.SMS);
                }));
        assertThat(createdFor(from)).hasSize(1);
        // Answered once: a second score is an ordinary text, a new contact.
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "5")).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(createdFor(from)).hasSize(2));
        assertThat(eventsFor(contactId)).filteredOn(ContactSurveyAnswered.class::isInstance).hasSize(1);
    }

    @Test
    void aCustomerWhoOptedOutIsNotSurveyed() throws Exception {
        String from = customer();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "Cancel my card")).then().statusCode(200);
        String contactId = eventsFrom(from).get(0).contactId();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "STOP")).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentTo(from)).anyMatch(b -> b.contains("unsubscribed")));
        kafka.publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.SMS,
                ContactEnded.Reason.AGENT_ENDED, "resolved", null, null, null, null), SOURCE);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM conversation WHERE contact_id = ? AND ended_at IS NOT NULL",
                contactId) == 1);
        assertThat(count("SELECT count(*) FROM sms_survey WHERE contact_id = ?", contactId)).isZero();
        assertThat(sentTo(from)).noneMatch(b -> b.contains("How satisfied"));
    }

    @Test
    void aBareKeywordOpensNoContactButIsRecordedAndAnswered() throws Exception {
        String from = customer();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "UNSUBSCRIBE")).then().statusCode(200);
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "help")).then().statusCode(200);
        assertThat(eventsFrom(from)).isEmpty();
        assertThat(count("SELECT count(*) FROM consent WHERE number = ? AND opted_out AND keyword = 'UNSUBSCRIBE'", from)).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(SmsTestSupport.events(bootstrap, Topics.CONSENT))
                .filteredOn(e -> e instanceof OptOutChanged o && o.address().value().equals(from)).singleElement()
                .satisfies(e -> assertThat(((OptOutChanged) e).optedOut()).isTrue()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentTo(from))
                .anyMatch(b -> b.contains("unsubscribed from Acme Bank"))
                .anyMatch(b -> b.contains("Acme Bank: help at https://acme-bank.example/help")));
    }

    @Test
    void aReplyIsSentWithBasicAuthRetriedAfter429AndItsStatusesBecomeEvents() throws Exception {
        String from = customer();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "Can you call me back?")).then().statusCode(200);
        String contactId = eventsFrom(from).get(0).contactId();
        String providerSid = sid();
        String scenario = "rate-" + from;
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encoded(from))).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}")));
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encoded(from))).inScenario(scenario)
                .whenScenarioStateIs("limited").willReturn(created(providerSid)));

        String replyId = UUID.randomUUID().toString();
        kafka.publish(reply(contactId, replyId, "Sure — we'll call you at 3pm {today}"), SOURCE);
        ContactMessageSent sent = (ContactMessageSent) awaitOutcome(replyId);
        assertThat(sent.metadata()).containsEntry("segments", "1").containsEntry("encoding", "UCS2")
                .containsEntry("providerMessageId", providerSid);
        assertThat(sent.to().value()).isEqualTo(from);

        List<LoggedRequest> calls = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encoded(from))));
        assertThat(calls).hasSize(2);
        String basic = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        for (LoggedRequest call : calls) {
            assertThat(call.getHeader("Authorization")).isEqualTo(basic);
            assertThat(call.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(call.getBodyAsString()).contains("From=" + encoded(ACME_NUMBER))
                    .contains("Body=" + encoded("Sure — we'll call you at 3pm {today}"))
                    .contains("StatusCallback=" + encoded(SmsTestSupport.PUBLIC_URL + "/webhooks/twilio/status"));
        }

        // The same request again (a redelivery) is answered from its stored outcome, not texted twice.
        kafka.publish(reply(contactId, replyId, "Sure — we'll call you at 3pm {today}"), SOURCE);
        await().atMost(WAIT).until(() -> outcomes(replyId) >= 2);
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encoded(from))))).hasSize(2);

        // Status callbacks, signed like any webhook.
        SmsTestSupport.post(STATUS, Map.of("MessageSid", providerSid, "MessageStatus", "sent", "AccountSid", ACCOUNT))
                .then().statusCode(200);
        SmsTestSupport.post(STATUS, Map.of("MessageSid", providerSid, "MessageStatus", "undelivered", "ErrorCode", "30003",
                "AccountSid", ACCOUNT)).then().statusCode(200);
        List<ContactMessageStatusChanged> statuses = eventsFor(contactId).stream()
                .filter(ContactMessageStatusChanged.class::isInstance).map(ContactMessageStatusChanged.class::cast).toList();
        assertThat(statuses).extracting(ContactMessageStatusChanged::status)
                .containsExactly(ContactMessageStatusChanged.Status.SENT, ContactMessageStatusChanged.Status.UNDELIVERED);
        assertThat(statuses).allMatch(s -> s.messageId().equals(replyId));
        assertThat(statuses.get(1).providerStatus()).isEqualTo("undelivered/30003");
        assertThat(statuses.get(1).reason()).contains("unreachable");

        // A status for a message this channel never sent: 200, nothing published. An unsigned one: 403.
        int before = eventsFor(contactId).size();
        SmsTestSupport.post(STATUS, Map.of("MessageSid", sid(), "MessageStatus", "delivered")).then().statusCode(200);
        postRaw(STATUS, encode(Map.of("MessageSid", providerSid, "MessageStatus", "delivered")).getBytes(StandardCharsets.US_ASCII), null)
                .then().statusCode(403);
        assertThat(eventsFor(contactId)).hasSize(before);
    }

    @Test
    void anInvalidNumberIsAPermanentFailureAndAProviderOutageATemporaryOne() throws Exception {
        String from = customer();
        SmsTestSupport.post(SMS, text(sid(), from, ACME_NUMBER, "Hello")).then().statusCode(200);
        String contactId = eventsFrom(from).get(0).contactId();
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing("Body=invalid")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number " + from + " is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
        twilio.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing("Body=outage")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}")));

        String invalid = UUID.randomUUID().toString();
        kafka.publish(reply(contactId, invalid, "invalid"), SOURCE);
        ContactMessageFailed permanent = (ContactMessageFailed) awaitOutcome(invalid);
        assertThat(permanent.permanent()).isTrue();
        assertThat(permanent.reason()).contains("21211").contains("not a valid phone number");
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("Body=invalid")))).hasSize(1);

        String outage = UUID.randomUUID().toString();
        kafka.publish(reply(contactId, outage, "outage"), SOURCE);
        ContactMessageFailed temporary = (ContactMessageFailed) awaitOutcome(outage);
        assertThat(temporary.permanent()).isFalse();
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("Body=outage")))).hasSize(3);
    }

    @Test
    void mmsMediaIsFetchedWithTheAccountsCredentialsSizeLimitedAndServedToTheTenantsAgents() throws Exception {
        String from = customer();
        byte[] photo = new byte[3000];
        new java.util.Random(7).nextBytes(photo);
        String basic = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        String path = "/media/" + UUID.randomUUID();
        twilio.stubFor(get(urlEqualTo(path + "/photo")).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(basic))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(photo)));
        twilio.stubFor(get(urlEqualTo(path + "/video")).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(basic))
                .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(new byte[50_000])));
        var form = text(sid(), from, ACME_NUMBER, "Here is the receipt");
        form.put("NumMedia", "2");
        form.put("MediaUrl0", twilio.baseUrl() + path + "/photo");
        form.put("MediaContentType0", "image/jpeg");
        form.put("MediaUrl1", twilio.baseUrl() + path + "/video");
        form.put("MediaContentType1", "video/mp4");
        SmsTestSupport.post(SMS, form).then().statusCode(200);

        ContactMessageReceived received = (ContactMessageReceived) eventsFrom(from).get(1);
        assertThat(received.attachments()).hasSize(1);
        var ref = received.attachments().get(0);
        assertThat(ref.contentType()).isEqualTo("image/jpeg");
        assertThat(ref.sizeBytes()).isEqualTo(3000);
        assertThat(ref.uri().toString()).startsWith(SmsTestSupport.PUBLIC_URL + "/api/media/");
        assertThat(received.metadata().get("mediaOmitted")).contains("video/mp4").contains("above the limit");
        twilio.verify(1, getRequestedFor(urlEqualTo(path + "/photo")));

        byte[] served = given().auth().oauth2(token("alice")).get("/api/media/{id}", ref.id()).then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).extract().asByteArray();
        assertThat(served).isEqualTo(photo);
        given().auth().oauth2(token("dave")).get("/api/media/{id}", ref.id()).then().statusCode(404);
        given().get("/api/media/{id}", ref.id()).then().statusCode(401);
    }

    @Test
    void vonageTextsBecomeContactsAndRepliesAndStatusesGoThroughVonage() throws Exception {
        String from = customer();
        String uuid = UUID.randomUUID().toString();
        String inbound = "{\"channel\":\"sms\",\"message_uuid\":\"" + uuid + "\",\"to\":\"34600000100\",\"from\":\""
                + from.substring(1) + "\",\"timestamp\":\"2026-12-03T09:00:00Z\",\"text\":\"Hola, ¿mi reserva?\",\"message_type\":\"text\"}";
        byte[] bytes = inbound.getBytes(StandardCharsets.UTF_8);
        vonage("/webhooks/vonage/inbound", bytes, "Bearer " + VonageSignature.sign(VONAGE_SECRET, bytes, Instant.now())).then().statusCode(200);
        vonage("/webhooks/vonage/inbound", bytes, "Bearer " + VonageSignature.sign(VONAGE_SECRET, bytes, Instant.now())).then().statusCode(200);
        // Refused: unsigned, another body under the token, an old token (a replay), a wrong secret.
        double before = rejected("vonage");
        vonage("/webhooks/vonage/inbound", bytes, null).then().statusCode(403);
        byte[] other = inbound.replace("reserva", "tarjeta").getBytes(StandardCharsets.UTF_8);
        vonage("/webhooks/vonage/inbound", other, "Bearer " + VonageSignature.sign(VONAGE_SECRET, bytes, Instant.now())).then().statusCode(403);
        vonage("/webhooks/vonage/inbound", bytes, "Bearer " + VonageSignature.sign(VONAGE_SECRET, bytes, Instant.now().minusSeconds(600)))
                .then().statusCode(403);
        vonage("/webhooks/vonage/inbound", bytes, "Bearer " + VonageSignature.sign("guess", bytes, Instant.now())).then().statusCode(403);
        assertThat(rejected("vonage") - before).isEqualTo(4.0);
        // Signed but not JSON.
        byte[] broken = "{\"message_uuid\":".getBytes(StandardCharsets.UTF_8);
        vonage("/webhooks/vonage/inbound", broken, "Bearer " + VonageSignature.sign(VONAGE_SECRET, broken, Instant.now())).then().statusCode(400);

        List<ContactEvent> events = eventsFrom(from);
        assertThat(events).hasSize(2);
        ContactCreated created = (ContactCreated) events.get(0);
        assertThat(created.tenantId()).isEqualTo("globex-travel");
        assertThat(created.metadata()).containsEntry("provider", "vonage").containsEntry("providerMessageId", uuid);

        String vonageId = UUID.randomUUID().toString();
        twilio.stubFor(post(urlEqualTo("/vonage/v1/messages")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"message_uuid\":\"" + vonageId + "\"}")));
        String replyId = UUID.randomUUID().toString();
        kafka.publish(new ReplyRequested(UUID.randomUUID(), "globex-travel", Instant.now(), created.contactId(), replyId, Channel.SMS,
                "dave", "Su reserva está confirmada", List.of(), Map.of()), SOURCE);
        ContactMessageSent sent = (ContactMessageSent) awaitOutcome(replyId);
        assertThat(sent.metadata()).containsEntry("provider", "vonage").containsEntry("providerMessageId", vonageId);
        LoggedRequest call = twilio.findAll(postRequestedFor(urlEqualTo("/vonage/v1/messages"))
                .withRequestBody(containing(from.substring(1)))).get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("test-vonage-key:test-vonage-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(call.getBodyAsString()).contains("\"channel\":\"sms\"").contains("\"from\":\"34600000100\"")
                .contains("\"to\":\"" + from.substring(1) + "\"").contains("Su reserva está confirmada");

        byte[] status = ("{\"message_uuid\":\"" + vonageId + "\",\"to\":\"" + from.substring(1)
                + "\",\"from\":\"34600000100\",\"timestamp\":\"2026-12-03T09:01:00Z\",\"status\":\"delivered\",\"channel\":\"sms\"}")
                .getBytes(StandardCharsets.UTF_8);
        vonage("/webhooks/vonage/status", status, "Bearer " + VonageSignature.sign(VONAGE_SECRET, status, Instant.now())).then().statusCode(200);
        assertThat(eventsFor(created.contactId())).anyMatch(e -> e instanceof ContactMessageStatusChanged c
                && c.status() == ContactMessageStatusChanged.Status.DELIVERED && c.messageId().equals(replyId));
    }

    private static io.restassured.response.Response vonage(String path, byte[] body, String authorization) {
        var request = given().contentType("application/json").body(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post(path);
    }

    @Test
    void anSmppLinkBindsDeliversSubmitsMatchesReceiptsAndRebindsAfterADrop() throws Exception {
        SmscResource.Smsc smsc = SmscResource.smsc();
        await().atMost(WAIT).until(smsc::bound);
        String from = customer();
        smsc.deliver(from, SmscResource.NUMBER, "Hello over SMPP, 5€ {ok}", false);
        await().atMost(WAIT).until(() -> eventsFrom(from).size() == 2);
        ContactCreated created = (ContactCreated) eventsFrom(from).get(0);
        assertThat(created.tenantId()).isEqualTo("acme-bank");
        assertThat(created.entryPoint()).isEqualTo(SmscResource.NUMBER);
        assertThat(created.metadata()).containsEntry("provider", "smpp:smsc");
        assertThat(((ContactMessageReceived) eventsFrom(from).get(1)).text()).isEqualTo("Hello over SMPP, 5€ {ok}");

        // A number no tenant has: the SMSC gets ESME_RINVDSTADR and nothing is published.
        assertThatThrownBy(() -> smsc.deliver(from, "+447700900299", "lost?", false))
                .isInstanceOf(org.jsmpp.extra.NegativeResponseException.class);

        // A reply leaves as submit_sm (UCS-2 for Cyrillic), asking for a receipt.
        String replyId = UUID.randomUUID().toString();
        kafka.publish(reply(created.contactId(), replyId, "Здравствуйте, чем помочь?"), SOURCE);
        ContactMessageSent sent = (ContactMessageSent) awaitOutcome(replyId);
        assertThat(sent.metadata()).containsEntry("provider", "smpp:smsc").containsEntry("encoding", "UCS2");
        org.jsmpp.bean.SubmitSm submit = smsc.submitted.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(submit.getDestAddress()).isEqualTo(from.substring(1));
        assertThat(submit.getSourceAddr()).isEqualTo(SmscResource.NUMBER.substring(1));
        assertThat(submit.getDataCoding()).isEqualTo((byte) 8);
        assertThat(new String(submit.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("Здравствуйте, чем помочь?");
        String messageId = smsc.messageIds.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(sent.metadata()).containsEntry("providerMessageId", messageId);

        // The handset's receipt is matched to the reply.
        smsc.receipt(from, SmscResource.NUMBER, messageId, org.jsmpp.util.DeliveryReceiptState.DELIVRD);
        await().atMost(WAIT).until(() -> eventsFor(created.contactId()).stream().anyMatch(e -> e instanceof ContactMessageStatusChanged c
                && c.status() == ContactMessageStatusChanged.Status.DELIVERED && c.messageId().equals(replyId)));

        // The link drops; the channel rebinds and the next text arrives in the same contact.
        int binds = smsc.binds.get();
        smsc.drop();
        await().atMost(WAIT).until(() -> smsc.binds.get() > binds && smsc.bound());
        smsc.deliver(from, SmscResource.NUMBER, "Still there?", false);
        await().atMost(WAIT).until(() -> eventsFrom(from).size() == 3);
        assertThat(eventsFrom(from).get(2).contactId()).isEqualTo(created.contactId());
    }

    @Test
    void theServiceIsReadyOnceTheTenantsAreKnown() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("entry-points"));
    }

    // --- helpers

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"account_sid\":\"" + ACCOUNT + "\"}");
    }

    private static ReplyRequested reply(String contactId, String messageId, String text) {
        return new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, messageId, Channel.SMS, "alice", text,
                List.of(), Map.of());
    }

    private SwitchboardEvent awaitOutcome(String replyId) {
        return kafka.awaitEvent(Topics.CONTACTS, e -> e instanceof ContactMessageSent s && s.messageId().equals(replyId)
                || e instanceof ContactMessageFailed f && f.messageId().equals(replyId), WAIT);
    }

    private long outcomes(String replyId) {
        return SmsTestSupport.contactEvents(bootstrap).stream().filter(e -> e instanceof ContactMessageSent s && s.messageId().equals(replyId)
                || e instanceof ContactMessageFailed f && f.messageId().equals(replyId)).count();
    }

    /** The customer's inbound events (created and received), in publish order. */
    private List<ContactEvent> eventsFrom(String number) {
        return SmsTestSupport.contactEvents(bootstrap).stream()
                .filter(e -> e instanceof ContactCreated c && c.from().value().equals(number)
                        || e instanceof ContactMessageReceived r && r.from() != null && r.from().value().equals(number))
                .toList();
    }

    private List<ContactEvent> eventsFor(String contactId) {
        return SmsTestSupport.contactEvents(bootstrap).stream().filter(e -> e.contactId().equals(contactId)).toList();
    }

    /** Bodies of the texts sent to a number through the provider. */
    private List<String> sentTo(String number) {
        return twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encoded(number)))).stream()
                .map(r -> java.net.URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8)).toList();
    }

    private static String encoded(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String token(String user) {
        return KeycloakServer.shared().accessToken(user);
    }

    private double rejected() {
        return rejected("twilio");
    }

    private double rejected(String provider) {
        String metrics = given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(l -> l.startsWith("sms_webhook_rejected_total{") && l.contains("provider=\"" + provider + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private String status(String sid) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT status FROM inbound_sms WHERE provider_message_id = ?")) {
            s.setString(1, sid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void execute(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            s.executeUpdate();
        }
    }
}
