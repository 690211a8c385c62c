package io.switchboard.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP and IMAP server in the test JVM (GreenMail): SMTP is the relay replies go through,
 * IMAP holds the external mailbox the service polls.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    public static final String MAILBOX_USER = "inbox-poller";
    public static final String MAILBOX_PASSWORD = "poller-secret";
    public static final String MAILBOX_ADDRESS = "claims@acme-bank.example";

    private static GreenMail greenMail;

    public static GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        ServerSetup smtp = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        greenMail = new GreenMail(new ServerSetup[] {smtp, imap});
        greenMail.start();
        greenMail.setUser(MAILBOX_ADDRESS, MAILBOX_USER, MAILBOX_PASSWORD);
        return Map.ofEntries(
                Map.entry("switchboard.email.relay.host", "127.0.0.1"),
                Map.entry("switchboard.email.relay.port", String.valueOf(smtp.getPort())),
                Map.entry("switchboard.email.imap.claims.host", "127.0.0.1"),
                Map.entry("switchboard.email.imap.claims.port", String.valueOf(imap.getPort())),
                Map.entry("switchboard.email.imap.claims.ssl", "false"),
                Map.entry("switchboard.email.imap.claims.user", MAILBOX_USER),
                Map.entry("switchboard.email.imap.claims.password", MAILBOX_PASSWORD),
                Map.entry("switchboard.email.imap.claims.processed-folder", "Processed"),
                Map.entry("switchboard.email.imap.claims.tenant", "acme-bank"),
                Map.entry("switchboard.email.imap.claims.entry-point", MAILBOX_ADDRESS),
                Map.entry("switchboard.email.imap.claims.poll-interval", "300ms"));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
