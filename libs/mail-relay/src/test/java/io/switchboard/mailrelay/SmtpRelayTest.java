package io.switchboard.mailrelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How mail is handed over and how the relay's answers are read, against a peer on a real socket that answers each
 * SMTP command from a script: a 5xx reply is final, a 4xx reply, a silent relay or no relay may pass. (GreenMail,
 * the services' relay in their tests, accepts every mail; these are the answers it cannot give.)
 */
class SmtpRelayTest {

    private ScriptedRelay peer;

    @AfterEach
    void stopPeer() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    @Timeout(20)
    void aRecipientTheRelayRefusesForGoodIsFinalAndNamesTheReply() throws Exception {
        peer = new ScriptedRelay("220 relay ready", command -> command.startsWith("RCPT")
                ? "550 5.1.1 <ops@acme-client.example>: mailbox unavailable"
                : command.startsWith("QUIT") ? "221 bye" : "250 ok");
        SmtpRelay relay = relay(peer.port(), Duration.ofSeconds(5));
        RelayRefusal refused = catchThrowableOfType(RelayRefusal.class, () -> relay.submit(mail(relay)));
        assertThat(refused.permanent()).isTrue();
        assertThat(refused.getMessage()).startsWith("550 5.1.1 <ops@acme-client.example>: mailbox unavailable");
        assertThat(peer.commands()).noneMatch(c -> c.startsWith("DATA"));
    }

    @Test
    @Timeout(20)
    void aRelayThatSaysTryLaterMayPass() throws Exception {
        peer = new ScriptedRelay("421 4.3.2 shutting down, try later", command -> "221 bye");
        SmtpRelay relay = relay(peer.port(), Duration.ofSeconds(5));
        RelayRefusal refused = catchThrowableOfType(RelayRefusal.class, () -> relay.submit(mail(relay)));
        assertThat(refused.permanent()).isFalse();
        assertThat(refused.getMessage()).startsWith("421 4.3.2 shutting down, try later");
    }

    @Test
    @Timeout(20)
    void aRelayThatNeverGreetsIsGivenUpAfterTheTimeoutAndMayPass() throws Exception {
        peer = new ScriptedRelay(null, command -> null);
        SmtpRelay relay = relay(peer.port(), Duration.ofMillis(500));
        RelayRefusal refused = catchThrowableOfType(RelayRefusal.class, () -> relay.submit(mail(relay)));
        assertThat(refused.permanent()).isFalse();
        assertThat(refused.getMessage()).startsWith("relay unavailable: ").containsIgnoringCase("timed out");
    }

    @Test
    @Timeout(20)
    void anUnreachableRelayMayPass() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmtpRelay relay = relay(closedPort, Duration.ofSeconds(5));
        RelayRefusal refused = catchThrowableOfType(RelayRefusal.class, () -> relay.submit(mail(relay)));
        assertThat(refused.permanent()).isFalse();
        assertThat(refused.getMessage()).startsWith("relay unavailable: ").contains("Connection refused");
    }

    @Test
    @Timeout(20)
    void aMailTheRelayTakesKeepsTheMessageIdItWasGiven() throws Exception {
        peer = new ScriptedRelay("220 relay ready", command -> command.startsWith("QUIT") ? "221 bye" : "250 ok");
        SmtpRelay relay = relay(peer.port(), Duration.ofSeconds(5));
        MimeMessage mail = mail(relay);
        mail.setHeader("Message-ID", "<reply-1@acme-bank.example>");
        relay.submit(mail);
        assertThat(peer.commands()).contains("MAIL FROM:<reports@switchboard.local>", "RCPT TO:<ops@acme-client.example>", "DATA");
        assertThat(peer.data()).contains("Message-ID: <reply-1@acme-bank.example>", "Subject: Daily report", "Attached.");
    }

    private static MimeMessage mail(SmtpRelay relay) throws MessagingException {
        MimeMessage mail = relay.newMessage();
        mail.setFrom(new InternetAddress("reports@switchboard.local"));
        mail.addRecipient(Message.RecipientType.TO, new InternetAddress("ops@acme-client.example"));
        mail.setSubject("Daily report", "UTF-8");
        mail.setText("Attached.", "UTF-8");
        return mail;
    }

    private static SmtpRelay relay(int port, Duration timeout) {
        return new SmtpRelay(new RelaySettings() {
            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public StartTls startTls() {
                return StartTls.DISABLED;
            }

            @Override
            public Optional<String> username() {
                return Optional.empty();
            }

            @Override
            public Optional<String> password() {
                return Optional.empty();
            }

            @Override
            public Duration timeout() {
                return timeout;
            }
        });
    }

    /** One SMTP connection at a time, each line answered from a script; a null greeting says nothing at all. */
    private static final class ScriptedRelay implements AutoCloseable {

        private final ServerSocket server;
        private final List<String> commands = new CopyOnWriteArrayList<>();
        private final StringBuilder data = new StringBuilder();
        private final Thread thread;

        ScriptedRelay(String greeting, Function<String, String> answers) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(greeting, answers), "scripted-relay");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> commands() {
            return commands;
        }

        synchronized String data() {
            return data.toString();
        }

        private void serve(String greeting, Function<String, String> answers) {
            while (!server.isClosed()) {
                try (Socket client = server.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                        PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                    if (greeting == null) {
                        in.read(); // holds the connection open and silent until the client gives up
                        continue;
                    }
                    reply(out, greeting);
                    String line;
                    while ((line = in.readLine()) != null) {
                        commands.add(line);
                        if (line.equals("DATA")) {
                            reply(out, "354 go ahead");
                            readData(in);
                            reply(out, "250 queued");
                            continue;
                        }
                        String answer = answers.apply(line);
                        if (answer == null) {
                            break;
                        }
                        reply(out, answer);
                        if (line.startsWith("QUIT")) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        private void readData(BufferedReader in) throws IOException {
            String line;
            while ((line = in.readLine()) != null && !line.equals(".")) {
                synchronized (this) {
                    data.append(line).append('\n');
                }
            }
        }

        private static void reply(PrintWriter out, String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            thread.interrupt();
        }
    }
}
