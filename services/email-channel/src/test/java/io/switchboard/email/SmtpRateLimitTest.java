package io.switchboard.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import javax.sql.DataSource;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.email.api.smtp.SmtpServerLifecycle;
import io.switchboard.email.domain.EmailDirectory;
import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabaseResource;

/**
 * The SMTP server's limits per connection, with Jakarta Mail as the sending server: beyond 3 messages
 * in one connection the next MAIL FROM gets 421 4.7.0 and the connection is closed; beyond 3 new
 * connections from one address (then one every 1,000 s) the greeting is 421 4.7.0; another address is
 * still served. Each test sends from its own loopback address (127.0.0.x), so their budgets are apart.
 */
@QuarkusTest
@TestProfile(SmtpRateLimitTest.SmallBudgets.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "emailrate"))
class SmtpRateLimitTest {

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "false",
                    "switchboard.email.smtp.max-messages-per-connection", "3",
                    "switchboard.email.smtp.connection-rate.per-second", "0.001",
                    "switchboard.email.smtp.connection-rate.burst", "3");
        }
    }

    private static final String SUPPORT = "support@acme-bank.example";

    @Inject
    SmtpServerLifecycle smtp;
    @Inject
    EmailDirectory directory;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void configureTenant() {
        try (KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                    "Acme Bank", "Europe/London", "GB", null, "general",
                    List.of(new TenantConfigured.EntryPoint(Channel.EMAIL, SUPPORT, "billing"))), java.net.URI.create("/tests/email-channel"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.lookup(SUPPORT).isPresent());
    }

    @Test
    void theMessageAfterTheCapGets421AndTheConnectionIsClosed() throws Exception {
        Session session = session("127.0.0.3");
        List<String> ids = List.of(id(), id(), id(), id());
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (String id : ids.subList(0, 3)) {
                transport.sendMessage(message(session, id), new InternetAddress[] {new InternetAddress(SUPPORT)});
            }
            Throwable refused = catchThrowable(
                    () -> transport.sendMessage(message(session, ids.get(3)), new InternetAddress[] {new InternetAddress(SUPPORT)}));
            assertThat(refused).isInstanceOf(SMTPSendFailedException.class);
            assertThat(((SMTPSendFailedException) refused).getReturnCode()).isEqualTo(421);
            assertThat(refused.getMessage()).contains("4.7.0 Too many messages in this connection");
            assertThat(transport.isConnected()).as("the server closed the connection").isFalse();
        }
        for (String id : ids.subList(0, 3)) {
            assertThat(stored(id)).as(id).isEqualTo(1);
        }
        assertThat(stored(ids.get(3))).as("the refused message").isZero();
        assertThat(metric("messages-per-connection")).isEqualTo(1.0);
    }

    @Test
    void connectionsOverTheAddresssBudgetGet421AtTheGreeting() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("127.0.0.2", id());
        }
        String refusedId = id();
        Throwable refused = catchThrowable(() -> send("127.0.0.2", refusedId));
        assertThat(refused).isInstanceOf(MessagingException.class);
        assertThat(refused.getMessage()).contains("421").contains("4.7.0 Too many connections from 127.0.0.2");
        assertThat(stored(refusedId)).isZero();

        String other = id();
        send("127.0.0.4", other);
        assertThat(stored(other)).as("another address").isEqualTo(1);
        assertThat(metric("connection-rate")).isEqualTo(1.0);
    }

    private void send(String from, String messageId) throws MessagingException {
        Session session = session(from);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message(session, messageId), new InternetAddress[] {new InternetAddress(SUPPORT)});
        }
    }

    /** A sending server on {@code localAddress}, one of the loopback addresses. */
    private Session session(String localAddress) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(smtp.port()));
        properties.setProperty("mail.smtp.localaddress", localAddress);
        properties.setProperty("mail.smtp.from", "customer-" + UUID.randomUUID() + "@example.com");
        return Session.getInstance(properties);
    }

    private static MimeMessage message(Session session, String messageId) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("customer@example.com"));
        message.setRecipients(Message.RecipientType.TO, SUPPORT);
        message.setSubject("About my account");
        message.setText("Hello");
        message.saveChanges();
        return message;
    }

    private static String id() {
        return "<" + UUID.randomUUID() + "@example.com>";
    }

    private long stored(String messageId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM email.inbound_email WHERE message_id LIKE ?")) {
            // stored with or without its angle brackets
            s.setString(1, "%" + messageId.substring(1, messageId.length() - 1) + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static double metric(String reason) {
        String line = "switchboard_ingress_refused_total{ingress=\"smtp\",reason=\"" + reason + "\",service=\"email-channel\"} ";
        return given().get("/q/metrics").then().extract().asString().lines().filter(l -> l.startsWith(line))
                .mapToDouble(l -> Double.parseDouble(l.substring(line.length()))).sum();
    }
}
