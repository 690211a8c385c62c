package io.switchboard.local;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Emails sent to the local email channel over SMTP, one connection each, all in one thread (each after the first
 * answers the first by In-Reply-To), and whether the channel took each: {@code true} once it answered 250 to the
 * data, {@code false} when the connection failed or the answer was a refusal. A message not taken is one the
 * sending server would queue and try again.
 */
final class MailedMessages {

    private final Session session;
    private final String from;
    private final String to;
    private final Map<String, Boolean> taken = new ConcurrentHashMap<>();

    MailedMessages(int port, String from, String to) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        properties.setProperty("mail.smtp.timeout", "15000");
        this.session = Session.getInstance(properties);
        this.from = from;
        this.to = to;
    }

    /** The first message, alone: the thread the others answer. */
    boolean sendFirst(String run) {
        String id = messageId(run, 0);
        boolean ok = send(id, null);
        taken.put(id, ok);
        return ok;
    }

    /** Messages 1 to {@code count - 1} at {@code perSecond}, running {@code during} once a third have gone. */
    void sendPaced(String run, int count, int perSecond, Runnable during) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        String thread = messageId(run, 0);
        PacedSteps.run(1, count, perSecond, during, i -> {
            String id = messageId(run, i);
            pool.submit(() -> taken.put(id, send(id, thread)));
        });
        pool.shutdown();
        if (!pool.awaitTermination(90, TimeUnit.SECONDS)) {
            throw new AssertionError("messages still unanswered after 90 s");
        }
    }

    /** Sends each message not yet taken again, as a sending server retries its queue, until all are or {@code rounds} run out. */
    void retryUntaken(String run, int rounds) throws InterruptedException {
        String thread = messageId(run, 0);
        for (int round = 0; round < rounds && taken.containsValue(false); round++) {
            taken.replaceAll((id, ok) -> ok || send(id, thread));
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /**
     * Sends these messages once more, as a server does that never saw the 250, each until it is taken (the channel's
     * connection budget may refuse some of a burst for a second); returns whether each was, in the end.
     */
    Map<String, Boolean> resend(String run, Collection<String> ids) throws InterruptedException {
        Map<String, Boolean> again = new HashMap<>();
        ids.forEach(id -> again.put(id, false));
        for (int round = 0; round < 20 && again.containsValue(false); round++) {
            again.replaceAll((id, ok) -> ok || send(id, messageId(run, 0)));
            TimeUnit.SECONDS.sleep(1);
        }
        return again;
    }

    Map<String, Boolean> taken() {
        return Map.copyOf(taken);
    }

    /** A Message-ID without its angle brackets; the message's text ends with it. */
    static String messageId(String run, int index) {
        return "fault-" + run + "-" + index + "@customer.example";
    }

    private boolean send(String id, String inReplyTo) {
        String raw = "From: Robin Example <" + from + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: My loan application\r\n"
                + "Message-ID: <" + id + ">\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\nReferences: <" + inReplyTo + ">\r\n")
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Has my loan application been approved? " + id + "\r\n";
        try (Transport transport = session.getTransport("smtp")) {
            // A message read from bytes is sent as those bytes, its Message-ID kept (Transport.send would replace it).
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
            return true;
        } catch (MessagingException e) {
            return false;
        }
    }
}
