package io.switchboard.email.api.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

import io.switchboard.email.config.EmailConfig;

/** STARTTLS as configured: offered with a key store, and required when asked, over a real TLS handshake. */
class SmtpStartTlsTest {

    @TempDir
    static Path folder;
    private static Path keyStore;
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createKeyStore() throws Exception {
        keyStore = folder.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        assertThat(Files.size(keyStore)).isPositive();
    }

    @Test
    void aClientThatRequiresStartTlsDeliversOverTls() throws Exception {
        SMTPServer server = start(false);
        try {
            send(server.getPortAllocated(), true);
            assertThat(delivered).singleElement().asString().contains("over TLS");
        } finally {
            server.stop();
        }
    }

    @Test
    void requiredTlsRefusesMailBeforeStartTls() throws Exception {
        SMTPServer server = start(true);
        try {
            assertThatThrownBy(() -> send(server.getPortAllocated(), false)).isInstanceOf(MessagingException.class)
                    .hasMessageContaining("530");
            assertThat(delivered).isEmpty();
            send(server.getPortAllocated(), true);
            assertThat(delivered).hasSize(1);
        } finally {
            server.stop();
        }
    }

    private SMTPServer start(boolean required) throws Exception {
        SMTPServer server = SmtpServerLifecycle.build(smtp(required), SessionHandler.acceptAll(), context -> new MessageHandler() {
            @Override
            public void from(String from) {
            }

            @Override
            public void recipient(String recipient) {
            }

            @Override
            public String data(InputStream data) throws java.io.IOException {
                delivered.add(new String(data.readAllBytes(), StandardCharsets.UTF_8));
                return null;
            }

            @Override
            public void done() {
            }
        });
        server.start();
        return server;
    }

    private static void send(int port, boolean startTls) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.starttls.enable", String.valueOf(startTls));
        properties.setProperty("mail.smtp.starttls.required", String.valueOf(startTls));
        properties.setProperty("mail.smtp.ssl.trust", "127.0.0.1");
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(
                "From: jane@example.com\r\nSubject: tls\r\n\r\nsent over TLS\r\n".getBytes(StandardCharsets.US_ASCII)));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress("support@acme-bank.example")});
        }
    }

    private static EmailConfig.Smtp smtp(boolean required) {
        EmailConfig.Tls tls = new EmailConfig.Tls() {
            @Override
            public Optional<String> keyStore() {
                return Optional.of(keyStore.toString());
            }

            @Override
            public Optional<String> keyStorePassword() {
                return Optional.of("changeit");
            }

            @Override
            public boolean required() {
                return required;
            }
        };
        return new EmailConfig.Smtp() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String bindAddress() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public String hostName() {
                return "localhost";
            }

            @Override
            public int maxMessageBytes() {
                return 1_000_000;
            }

            @Override
            public int maxConnections() {
                return 10;
            }

            @Override
            public int maxRecipients() {
                return 10;
            }

            @Override
            public int messagesPerSenderPerMinute() {
                return 100;
            }

            @Override
            public int maxMessagesPerConnection() {
                return 100;
            }

            @Override
            public EmailConfig.ConnectionRate connectionRate() {
                throw new UnsupportedOperationException("the server is built with its own session handler");
            }

            @Override
            public EmailConfig.Tls tls() {
                return tls;
            }
        };
    }
}
