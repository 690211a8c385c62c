package io.switchboard.fax;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.Direction;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.events.address.AddressKind;
import io.switchboard.events.schema.SchemaCheck;
import io.switchboard.fax.api.smtp.GatewayListener;
import io.switchboard.fax.domain.FaxDocuments;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The fax channel end to end inside one JVM, with real parts: signed webhooks over HTTP, documents
 * fetched from a real HTTP media host (WireMock), the in-process Kafka broker, PostgreSQL, real
 * Keycloak tokens for the API, and the gateway's SMTP listener on a real socket.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "fax"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(WireMockResource.class)
class FaxChannelServiceTest {

    private static KafkaTestClient kafka;

    @Inject
    NumberDirectory directory;

    @Inject
    DataSource dataSource;

    @Inject
    GatewayListener gateway;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void tenants() {
        FaxTestSupport.configureTenants(kafka);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.route(FaxTestSupport.ACME_FAX).isPresent()
                && directory.route(FaxTestSupport.GLOBEX_FAX).isPresent());
    }

    @Test
    void aSignedPdfFaxBecomesAContactWhoseDocumentTheOfferedAgentReads() throws Exception {
        byte[] pdf = FaxDocuments.pdf(2);
        String path = media(pdf, "application/pdf");
        String sid = FaxTestSupport.sid();
        String from = FaxTestSupport.sender();

        FaxTestSupport.post(FaxTestSupport.received(sid, from, FaxTestSupport.ACME_FAX, 2, url(path)))
                .then().statusCode(200).contentType("text/xml");

        ContactCreated created = created(sid);
        assertThat(fitsThePublishedSchema(sid)).as("the record as integrators read it").isInstanceOf(SchemaCheck.Fits.class);
        assertThat(created.tenantId()).isEqualTo("acme-bank");
        assertThat(created.channel()).isEqualTo(Channel.FAX);
        assertThat(created.direction()).isEqualTo(Direction.INBOUND);
        assertThat(created.entryPoint()).isEqualTo(FaxTestSupport.ACME_FAX);
        assertThat(created.from().kind()).isEqualTo(AddressKind.PHONE);
        assertThat(created.from().value()).isEqualTo(from);
        assertThat(created.to().value()).isEqualTo(FaxTestSupport.ACME_FAX);
        assertThat(created.title()).isEqualTo("Fax from " + from + ", 2 pages");
        String faxId = created.metadata().get("faxId");
        assertThat(created.metadata()).containsEntry("provider", "twilio").containsEntry("providerFaxId", sid)
                .containsEntry("pages", "2")
                .containsEntry("thumbnail", FaxTestSupport.PUBLIC_URL + "/api/fax/faxes/" + faxId + "/thumbnail");
        assertThat(created.attachments()).hasSize(1);
        var attachment = created.attachments().get(0);
        assertThat(attachment.contentType()).isEqualTo("application/pdf");
        assertThat(attachment.sizeBytes()).isEqualTo(pdf.length);
        assertThat(attachment.uri()).hasToString(FaxTestSupport.PUBLIC_URL + "/api/fax/faxes/" + faxId + "/document");
        // the provider's document was fetched with the account's credentials
        WireMockResource.server().verify(1, getRequestedFor(urlEqualTo(path))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(FaxTestSupport.ACCOUNT, FaxTestSupport.TOKEN)));

        // before routing offered it, alice (an agent of the tenant) may not read it; without a token nobody may
        as("alice").get("/api/fax/faxes/" + faxId).then().statusCode(404);
        given().get("/api/fax/faxes/" + faxId + "/document").then().statusCode(401);

        offer(created, "alice");
        await().atMost(Duration.ofSeconds(20)).until(() -> as("alice").get("/api/fax/faxes/" + faxId).statusCode() == 200);
        as("alice").get("/api/fax/faxes/" + faxId).then().statusCode(200)
                .body("pages", org.hamcrest.Matchers.equalTo(2))
                .body("from", org.hamcrest.Matchers.equalTo(from))
                .body("to", org.hamcrest.Matchers.equalTo(FaxTestSupport.ACME_FAX))
                .body("contactId", org.hamcrest.Matchers.equalTo(created.contactId()))
                .body("receivedAt", org.hamcrest.Matchers.notNullValue());
        Response document = as("alice").get("/api/fax/faxes/" + faxId + "/document");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.contentType()).startsWith("application/pdf");
        assertThat(document.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(document.header("Content-Security-Policy")).isEqualTo("sandbox");
        assertThat(document.header("Content-Disposition")).startsWith("attachment;");
        assertThat(document.asByteArray()).isEqualTo(pdf);
        Response thumbnail = as("alice").get("/api/fax/faxes/" + faxId + "/thumbnail");
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(thumbnail.asByteArray()));
        assertThat(png.getWidth()).isEqualTo(200);

        // bob, an agent of the same tenant routing never offered it to, and another tenant's supervisor: as if it did not exist
        as("bob").get("/api/fax/faxes/" + faxId + "/document").then().statusCode(404);
        as("bob").get("/api/fax/faxes/" + faxId + "/thumbnail").then().statusCode(404);
        as("gina").get("/api/fax/faxes/" + faxId).then().statusCode(404);
        // the tenant's supervisor reads every fax of it
        as("sam").get("/api/fax/faxes/" + faxId + "/document").then().statusCode(200);
    }

    @Test
    void aTiffFaxIsTakenWithItsPagesAndThumbnail() throws Exception {
        byte[] tiff = FaxDocuments.tiff(3);
        String path = media(tiff, "image/tiff");
        String sid = FaxTestSupport.sid();
        String from = FaxTestSupport.sender();

        FaxTestSupport.post(FaxTestSupport.received(sid, from, FaxTestSupport.ACME_FAX, 3, url(path))).then().statusCode(200);

        ContactCreated created = created(sid);
        assertThat(created.title()).isEqualTo("Fax from " + from + ", 3 pages");
        assertThat(created.attachments().get(0).contentType()).isEqualTo("image/tiff");
        String faxId = created.metadata().get("faxId");
        Response document = as("sam").get("/api/fax/faxes/" + faxId + "/document");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.asByteArray()).isEqualTo(tiff);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(as("sam").get("/api/fax/faxes/" + faxId + "/thumbnail").asByteArray()));
        assertThat(png.getWidth()).isEqualTo(200);
    }

    @Test
    void aWronglySignedWebhookIsRefusedBeforeAnythingIsFetched() {
        String path = media(FaxDocuments.pdf(1), "application/pdf");
        String sid = FaxTestSupport.sid();
        Map<String, String> form = FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1, url(path));

        FaxTestSupport.post(form, FaxTestSupport.signature("not-the-token", form)).then().statusCode(403);
        FaxTestSupport.post(form, null).then().statusCode(403);
        // signed over one sender, sent with another
        String signature = FaxTestSupport.signature(FaxTestSupport.TOKEN, form);
        form.put("From", FaxTestSupport.sender());
        FaxTestSupport.post(form, signature).then().statusCode(403);

        WireMockResource.server().verify(0, getRequestedFor(urlEqualTo(path)));
        assertThat(stored(sid)).isZero();
    }

    @Test
    void aSubaccountNumberIsCheckedAgainstItsOwnToken() {
        String path = media(FaxDocuments.pdf(1), "application/pdf");
        String sid = FaxTestSupport.sid();
        Map<String, String> form = FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.GLOBEX_FAX, 1, url(path));

        FaxTestSupport.post(form, FaxTestSupport.signature(FaxTestSupport.TOKEN, form)).then().statusCode(403);
        FaxTestSupport.post(form, FaxTestSupport.signature(FaxTestSupport.SUBACCOUNT_TOKEN, form)).then().statusCode(200);
        assertThat(created(sid).tenantId()).isEqualTo("globex-travel");
    }

    @Test
    void aTextFileNamedPdfIs422AndNothingIsStored() {
        String path = media("Please deliver 40 crates on Monday.\n".getBytes(StandardCharsets.US_ASCII), "application/pdf");
        String sid = FaxTestSupport.sid();

        FaxTestSupport.post(FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1, url(path)))
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("neither a PDF nor a TIFF"))
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("document"));
        assertThat(stored(sid)).isZero();
    }

    @Test
    void aDocumentAboveTheLimitIs422AndNothingIsStored() {
        byte[] large = new byte[300_001];
        System.arraycopy(FaxDocuments.pdf(1), 0, large, 0, 8);
        String path = media(large, "application/pdf");
        String sid = FaxTestSupport.sid();

        FaxTestSupport.post(FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1, url(path)))
                .then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("300000"));
        assertThat(stored(sid)).isZero();
    }

    @Test
    void aMediaUrlOnAnotherHostIsRefusedWithoutFetching() {
        String sid = FaxTestSupport.sid();
        FaxTestSupport.post(FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1,
                "http://localhost:" + WireMockResource.server().port() + "/internal/secrets.pdf"))
                .then().statusCode(422).body("violations[0].field", org.hamcrest.Matchers.equalTo("MediaUrl"));
        assertThat(stored(sid)).isZero();
    }

    @Test
    void aRepeatedFaxSidIsAnswered200AndTakenOnce() {
        String path = media(FaxDocuments.pdf(1), "application/pdf");
        String sid = FaxTestSupport.sid();
        Map<String, String> form = FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1, url(path));

        FaxTestSupport.post(form).then().statusCode(200);
        FaxTestSupport.post(form).then().statusCode(200);

        assertThat(stored(sid)).isEqualTo(1);
        WireMockResource.server().verify(1, getRequestedFor(urlEqualTo(path)));
        created(sid);
        // read to the end: exactly one contact for the fax
        List<?> all = kafka.await(Topics.CONTACTS, r -> {
            var event = KafkaTestClient.decode(r);
            return event instanceof ContactCreated c && sid.equals(c.metadata().get("providerFaxId"));
        }, 1, Duration.ofSeconds(10));
        assertThat(all).hasSize(1);
        assertThat(countOnTopic(sid)).isEqualTo(1);
    }

    @Test
    void theProviderDownIs503WithRetryAfterAndNothingStored() {
        String sid = FaxTestSupport.sid();
        String path = "/fax-media/" + UUID.randomUUID();
        WireMockResource.server().stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
        FaxTestSupport.post(FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1, url(path)))
                .then().statusCode(503).header("Retry-After", "7");

        // and unreachable: nothing listens on the port
        String sid2 = FaxTestSupport.sid();
        FaxTestSupport.post(FaxTestSupport.received(sid2, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1,
                "http://127.0.0.1:" + closedPort() + "/media/1")).then().statusCode(503).header("Retry-After", "7");
        assertThat(stored(sid)).isZero();
        assertThat(stored(sid2)).isZero();
    }

    @Test
    void aMissingFieldIs400NamingItAndAStatusOtherThanReceivedStoresNothing() {
        String path = media(FaxDocuments.pdf(1), "application/pdf");
        Map<String, String> form = FaxTestSupport.received(FaxTestSupport.sid(), FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 1,
                url(path));
        form.remove("MediaUrl");
        FaxTestSupport.post(form).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("MediaUrl"));

        String sid = FaxTestSupport.sid();
        Map<String, String> failed = FaxTestSupport.received(sid, FaxTestSupport.sender(), FaxTestSupport.ACME_FAX, 0, url(path));
        failed.put("FaxStatus", "failed");
        FaxTestSupport.post(failed).then().statusCode(200);
        assertThat(stored(sid)).isZero();
        WireMockResource.server().verify(0, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void anUnknownNumberIs404AndAWithheldSenderIs422() {
        String path = media(FaxDocuments.pdf(1), "application/pdf");
        FaxTestSupport.post(FaxTestSupport.received(FaxTestSupport.sid(), FaxTestSupport.sender(), "+442079460111", 1, url(path)))
                .then().statusCode(404);
        String sid = FaxTestSupport.sid();
        FaxTestSupport.post(FaxTestSupport.received(sid, "anonymous", FaxTestSupport.ACME_FAX, 1, url(path)))
                .then().statusCode(422).body("violations[0].field", org.hamcrest.Matchers.equalTo("From"));
        assertThat(stored(sid)).isZero();
    }

    @Test
    void aGatewayMailWithAPdfAttachmentBecomesAContact() throws Exception {
        byte[] pdf = FaxDocuments.pdf(2);
        String messageId = "<" + UUID.randomUUID() + "@t38.gateway.test>";
        String from = FaxTestSupport.sender();
        String rcpt = FaxTestSupport.ACME_FAX.substring(1) + "@fax.switchboard.test";
        String mail = FaxTestSupport.gatewayMail(messageId, from, rcpt, "X-Fax-Gateway-Secret: test-gateway-secret\r\n", "fax.pdf",
                "application/pdf", pdf);

        List<String> replies = FaxTestSupport.smtp(gateway.port(), from + "@t38.gateway.test", rcpt, mail);
        assertThat(replies.get(replies.size() - 2)).startsWith("250");

        ContactCreated created = created(messageId.strip());
        assertThat(created.channel()).isEqualTo(Channel.FAX);
        assertThat(created.from().value()).isEqualTo(from);
        assertThat(created.entryPoint()).isEqualTo(FaxTestSupport.ACME_FAX);
        assertThat(created.metadata()).containsEntry("provider", "smtp-gateway").containsEntry("pages", "2");
        String faxId = created.metadata().get("faxId");
        assertThat(as("sam").get("/api/fax/faxes/" + faxId + "/document").asByteArray()).isEqualTo(pdf);

        // the gateway's retry of the same mail is accepted and taken once
        replies = FaxTestSupport.smtp(gateway.port(), from + "@t38.gateway.test", rcpt, mail);
        assertThat(replies.get(replies.size() - 2)).startsWith("250");
        assertThat(countOnTopic(messageId)).isEqualTo(1);
    }

    @Test
    void badGatewayMailGetsA5xxWithTheReason() throws Exception {
        String from = FaxTestSupport.sender();
        String rcpt = FaxTestSupport.ACME_FAX.substring(1) + "@fax.switchboard.test";
        String secret = "X-Fax-Gateway-Secret: test-gateway-secret\r\n";

        String noSecret = FaxTestSupport.gatewayMail("<" + UUID.randomUUID() + "@gw>", from, rcpt, "", "fax.pdf", "application/pdf",
                FaxDocuments.pdf(1));
        assertThat(dataReply(from, rcpt, noSecret)).startsWith("550 5.7.1");

        String wrongSecret = FaxTestSupport.gatewayMail("<" + UUID.randomUUID() + "@gw>", from, rcpt,
                "X-Fax-Gateway-Secret: guessed\r\n", "fax.pdf", "application/pdf", FaxDocuments.pdf(1));
        assertThat(dataReply(from, rcpt, wrongSecret)).startsWith("550 5.7.1");

        String textAsPdf = FaxTestSupport.gatewayMail("<" + UUID.randomUUID() + "@gw>", from, rcpt, secret, "fax.pdf", "application/pdf",
                "not a fax".getBytes(StandardCharsets.US_ASCII));
        assertThat(dataReply(from, rcpt, textAsPdf)).startsWith("554 5.6.0").contains("neither a PDF nor a TIFF");

        String noAttachment = FaxTestSupport.gatewayMail("<" + UUID.randomUUID() + "@gw>", from, rcpt, secret, "notes.txt", "text/plain",
                "hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(dataReply(from, rcpt, noAttachment)).startsWith("554 5.6.0").contains("no PDF or TIFF");

        List<String> unknown = FaxTestSupport.smtp(gateway.port(), "gw@t38.gateway.test", "442079460111@fax.switchboard.test", noSecret);
        assertThat(unknown.get(unknown.size() - 1)).startsWith("550 5.1.1");
        List<String> notANumber = FaxTestSupport.smtp(gateway.port(), "gw@t38.gateway.test", "sales@fax.switchboard.test", noSecret);
        assertThat(notANumber.get(notANumber.size() - 1)).startsWith("550 5.1.3");
    }

    @Test
    void anAgentsReplyToAFaxIsAnsweredAsAPermanentFailure() {
        String contactId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        kafka.publish(new ReplyRequested(UUID.randomUUID(), "acme-bank", Instant.now(), contactId, messageId, Channel.FAX, "alice",
                "Thanks for your order", List.of(), Map.of()), FaxTestSupport.SOURCE);

        var failed = (ContactMessageFailed) kafka.awaitEvent(Topics.CONTACTS,
                e -> e instanceof ContactMessageFailed f && f.messageId().equals(messageId), Duration.ofSeconds(30));
        assertThat(failed.contactId()).isEqualTo(contactId);
        assertThat(failed.channel()).isEqualTo(Channel.FAX);
        assertThat(failed.agentId()).isEqualTo("alice");
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.reason()).contains("call the sender back").contains("email");
        var record = kafka.await(Topics.CONTACTS, r -> KafkaTestClient.decode(r) instanceof ContactMessageFailed f
                && f.messageId().equals(messageId), 1, Duration.ofSeconds(10)).get(0);
        assertThat(new SchemaCheck().check(record.value())).isInstanceOf(SchemaCheck.Fits.class);
    }

    private static SchemaCheck.Outcome fitsThePublishedSchema(String providerFaxId) {
        var record = kafka.await(Topics.CONTACTS, r -> KafkaTestClient.decode(r) instanceof ContactCreated c
                && providerFaxId.equals(c.metadata().get("providerFaxId")), 1, Duration.ofSeconds(10)).get(0);
        return new SchemaCheck().check(record.value());
    }

    private String dataReply(String from, String rcpt, String mail) throws Exception {
        List<String> replies = FaxTestSupport.smtp(gateway.port(), from + "@t38.gateway.test", rcpt, mail);
        return replies.get(replies.size() - 2);
    }

    private static io.restassured.specification.RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private static String media(byte[] data, String contentType) {
        String path = "/fax-media/" + UUID.randomUUID();
        WireMockResource.server().stubFor(get(urlEqualTo(path))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(data)));
        return path;
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + WireMockResource.server().port() + path;
    }

    private static ContactCreated created(String providerFaxId) {
        return (ContactCreated) kafka.awaitEvent(Topics.CONTACTS,
                e -> e instanceof ContactCreated c && providerFaxId.equals(c.metadata().get("providerFaxId")), Duration.ofSeconds(30));
    }

    private static void offer(ContactCreated created, String agent) {
        kafka.publish(new ContactOffered(UUID.randomUUID(), created.tenantId(), Instant.now(), created.contactId(), Channel.FAX, "billing",
                agent, UUID.randomUUID().toString(), Instant.now().plusSeconds(30)), FaxTestSupport.SOURCE);
    }

    /** contact.created events for a provider fax id, read to the end of the topic. */
    private static long countOnTopic(String providerFaxId) {
        return FaxContacts.read(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)).stream()
                .filter(e -> e instanceof ContactCreated c && providerFaxId.equals(c.metadata().get("providerFaxId"))).count();
    }

    private int stored(String providerFaxId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM fax WHERE provider_fax_id = ?")) {
            s.setString(1, providerFaxId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
