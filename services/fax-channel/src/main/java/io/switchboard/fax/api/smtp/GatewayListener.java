package io.switchboard.fax.api.smtp;

import java.io.IOException;
import java.net.InetAddress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.subethamail.smtp.server.SMTPServer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.fax.config.FaxConfig;
import io.switchboard.fax.domain.FaxIngest;
import io.switchboard.fax.domain.NumberDirectory;

/** Runs the T.38 gateway's SMTP listener (SubEthaSMTP) for the life of the service. */
@ApplicationScoped
public class GatewayListener {

    private static final Logger LOG = Logger.getLogger(GatewayListener.class);

    private final FaxConfig config;
    private final NumberDirectory directory;
    private final FaxIngest ingest;
    private SMTPServer server;

    public GatewayListener(FaxConfig config, NumberDirectory directory, FaxIngest ingest) {
        this.config = config;
        this.directory = directory;
        this.ingest = ingest;
    }

    void start(@Observes StartupEvent event) throws IOException {
        FaxConfig.Smtp smtp = config.smtp();
        if (!smtp.enabled()) {
            return;
        }
        GatewayAuthorisation authorisation = new GatewayAuthorisation(smtp.allowedClients(), smtp.sharedSecret(), smtp.secretHeader());
        // base64 makes an attachment a third larger; headers and the mail's own text fit in the rest.
        int maxMessageBytes = (int) Math.min(Integer.MAX_VALUE - 8, config.maxDocumentBytes() * 4 / 3 + 1_048_576);
        server = new SMTPServer.Builder()
                .bindAddress(InetAddress.getByName(smtp.bindAddress()))
                .port(smtp.port())
                .hostName(smtp.hostName())
                .softwareName("Switchboard fax-channel")
                .maxConnections(smtp.maxConnections())
                .maxRecipients(1)
                .maxMessageSize(maxMessageBytes)
                .insertReceivedHeaders(false)
                .messageHandlerFactory(context -> new GatewaySession(context, directory, ingest, authorisation, maxMessageBytes))
                .build();
        server.start();
        LOG.infof("fax gateway SMTP listening on %s:%d", smtp.bindAddress(), port());
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
}
