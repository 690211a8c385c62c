package io.switchboard.email.api.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.email.config.EmailConfig;
import io.switchboard.email.domain.EmailDirectory;
import io.switchboard.email.domain.InboundMailProcessor;
import io.switchboard.email.domain.SenderRateLimiter;
import io.switchboard.service.api.IngressRefusals;

/** Runs the inbound SMTP server (SubEthaSMTP) for the life of the service. */
@ApplicationScoped
public class SmtpServerLifecycle {

    private static final Logger LOG = Logger.getLogger(SmtpServerLifecycle.class);

    private final EmailConfig config;
    private final EmailDirectory directory;
    private final InboundMailProcessor processor;
    private final MeterRegistry registry;
    private SMTPServer server;

    public SmtpServerLifecycle(EmailConfig config, EmailDirectory directory, InboundMailProcessor processor, MeterRegistry registry) {
        this.config = config;
        this.directory = directory;
        this.processor = processor;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) throws IOException, GeneralSecurityException {
        EmailConfig.Smtp smtp = config.smtp();
        if (!smtp.enabled()) {
            return;
        }
        SenderRateLimiter limiter = new SenderRateLimiter(smtp.messagesPerSenderPerMinute(), Clock.systemUTC());
        Counter overSenderRate = IngressRefusals.counter(registry, "email-channel", "smtp", "sender-rate");
        SmtpConnections connections = new SmtpConnections(smtp, registry, System::nanoTime);
        server = build(smtp, connections, context -> new SmtpSession(context, directory, processor, connections, limiter,
                overSenderRate, smtp.maxMessageBytes()));
        server.start();
        LOG.infof("SMTP listening on %s:%d%s", smtp.bindAddress(), port(), smtp.tls().keyStore().isPresent() ? " (STARTTLS)" : "");
    }

    /** The server as configured: limits, and STARTTLS when a key store is set. */
    static SMTPServer build(EmailConfig.Smtp smtp, SessionHandler connections, MessageHandlerFactory sessions)
            throws IOException, GeneralSecurityException {
        SMTPServer.Builder builder = new SMTPServer.Builder()
                .bindAddress(InetAddress.getByName(smtp.bindAddress()))
                .port(smtp.port())
                .hostName(smtp.hostName())
                .softwareName("Switchboard email-channel")
                .maxConnections(smtp.maxConnections())
                .maxRecipients(smtp.maxRecipients())
                .maxMessageSize(smtp.maxMessageBytes())
                .insertReceivedHeaders(false)
                .sessionHandler(connections)
                .messageHandlerFactory(sessions);
        if (smtp.tls().keyStore().isPresent()) {
            builder.startTlsSocketFactory(sslContext(smtp.tls())).enableTLS().requireTLS(smtp.tls().required());
        }
        return builder.build();
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop();
        }
    }

    /** The port actually bound (tests ask for port 0). */
    public int port() {
        return server.getPortAllocated();
    }

    private static SSLContext sslContext(EmailConfig.Tls tls) throws IOException, GeneralSecurityException {
        char[] password = tls.keyStorePassword().orElse("").toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(tls.keyStore().orElseThrow()))) {
            keyStore.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
