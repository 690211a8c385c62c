package io.switchboard.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.server.SMTPServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.email.api.smtp.SmtpServerLifecycle;
import io.switchboard.email.domain.EmailDirectory;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabaseResource;
import io.switchboard.testing.process.CpuClock;
import io.switchboard.testing.process.ThreadCpu;

/**
 * The SMTP ingest figures of docs/benchmarks.md. Not part of the test run (the name does not match
 * the test patterns); run it by name:
 *
 * <pre>./mvnw -B -pl services/email-channel -am test -Dtest=EmailIngestBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * 16 SMTP clients (Jakarta Mail, one connection each) send 4,000 messages of 50 KB (a text part and
 * a 36 KB PDF-like attachment) to the running service, where 250 means stored in PostgreSQL and
 * acknowledged by Kafka; then every message's contact.message.received is counted on the topic.
 * In the same run the same clients send the same messages to SubEthaSMTP's own sink (a listener
 * that reads and discards), the floor of what the library costs.
 */
@QuarkusTest
@TestProfile(EmailIngestBench.Profile.class)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "emailbench"))
@WithTestResource(GreenMailResource.class)
class EmailIngestBench {

    private static final int CLIENTS = 16;
    private static final int MESSAGES = 4_000;
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 400);
    private static final String SUPPORT = "support@acme-bank.example";
    /** A boundary as a mail client writes one (28 characters here, as Gmail's); a one-letter boundary makes the parser's search crawl. */
    private static final String BOUNDARY = "000000000000a9c4d5061f2e8b3d";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.email.smtp.messages-per-sender-per-minute", "1000000",
                    "quarkus.oidc.tenant-enabled", "false",
                    "quarkus.log.category.\"io.switchboard\".level", "WARN");
        }
    }

    @Inject
    SmtpServerLifecycle smtp;
    @Inject
    EmailDirectory directory;

    @Test
    void ingestRateOf50KbMessagesAgainstTheLibrarysOwnSink() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            var tenant = new TenantConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), "Acme Bank", "Europe/London", "GB",
                    null, "general", List.of(new TenantConfigured.EntryPoint(Channel.EMAIL, SUPPORT, "billing")));
            kafka.send(Topics.CONFIG, tenant.subject(), EventCodec.encode(tenant, java.net.URI.create("/bench")),
                    Map.of("content-type", OutgoingEvents.CONTENT_TYPE));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> directory.lookup(SUPPORT).isPresent());

            String run = UUID.randomUUID().toString().substring(0, 8);
            List<byte[]> messages = messages(run + "-main", MESSAGES);
            System.out.printf("message size: %,d bytes%n", messages.get(0).length);

            // Warm-up (JIT, connection pools), not counted; -Dbench.warmup sets how many messages.
            send(smtp.port(), messages(run + "-warm", WARM_UP));

            AtomicLong sunk = new AtomicLong();
            SMTPServer sink = new SMTPServer.Builder().bindAddress(InetAddress.getLoopbackAddress()).port(0)
                    .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                        @Override
                        public boolean accept(String from, String recipient) {
                            return true;
                        }

                        @Override
                        public void deliver(String from, String recipient, InputStream data) throws IOException {
                            sunk.addAndGet(data.readAllBytes().length);
                        }
                    }).build();
            sink.start();
            Window sinkWindow;
            try {
                send(sink.getPortAllocated(), messages(run + "-sinkwarm", 400));
                sinkWindow = send(sink.getPortAllocated(), messages);
            } finally {
                sink.stop();
            }
            double sinkRate = sinkWindow.rate();

            Window ingestWindow = send(smtp.port(), messages);
            double ingestRate = ingestWindow.rate();
            String marker = "bench-" + run + "-main-";
            long onKafka = kafka.await(Topics.CONTACTS, record -> EventCodec.decode(record.value()) instanceof DecodeResult.Decoded d
                    && d.event() instanceof ContactMessageReceived received
                    && received.metadata().getOrDefault("messageIdHeader", "").startsWith("<" + marker), MESSAGES,
                    Duration.ofMinutes(2)).size();

            String result = String.format("email ingest: %d x %,d-byte messages, %d clients%n"
                    + "  SubEthaSMTP sink (read and discard): %.0f msg/s%n"
                    + "  email-channel (parse, store raw + attachment, publish, ack): %.0f msg/s; on Kafka: %d of %d%n"
                    + "  CPU per message, this JVM's threads by name and PostgreSQL, in µs:%n"
                    + "    sink (%.0f in all): %s%n"
                    + "    email-channel (%.0f in all): %s%n"
                    + "  cores while sending: sink %s; email-channel %s%n",
                    MESSAGES, messages.get(0).length, CLIENTS, sinkRate, ingestRate, onKafka, MESSAGES,
                    sinkWindow.totalMicrosPerMessage(), sinkWindow.perMessage(), ingestWindow.totalMicrosPerMessage(),
                    ingestWindow.perMessage(), sinkWindow.cores(), ingestWindow.cores());
            System.out.print(result);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/email-ingest-bench.txt"), result);
            java.nio.file.Path reportDir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/email-channel-bench"));
            java.nio.file.Files.writeString(reportDir.resolve("report.txt"), result);
            java.nio.file.Files.writeString(reportDir.resolve("report.json"), String.format(java.util.Locale.ROOT,
                    "{\"messages\": %d, \"message_bytes\": %d, \"clients\": %d, \"sink_msg_per_s\": %.1f, \"ingest_msg_per_s\": %.1f,"
                            + " \"share_of_sink\": %.3f, \"on_kafka\": %d, \"lost\": %d,"
                            + " \"cpu_us_per_message\": {\"sink_total\": %.0f, \"sink\": %s, \"ingest_total\": %.0f, \"ingest\": %s},"
                            + " \"cores\": {\"sink\": %s, \"ingest\": %s},"
                            + " \"load_average\": \"%s\"}%n",
                    MESSAGES, messages.get(0).length, CLIENTS, sinkRate, ingestRate, ingestRate / sinkRate, onKafka, MESSAGES - onKafka,
                    sinkWindow.totalMicrosPerMessage(), sinkWindow.perMessage(), ingestWindow.totalMicrosPerMessage(),
                    ingestWindow.perMessage(), sinkWindow.cores(), ingestWindow.cores(),
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim()));
            assertThat(onKafka).as("none lost").isEqualTo(MESSAGES);
        }
    }

    /**
     * One sending: its rate, and the CPU this JVM's threads (by name) and PostgreSQL used for it, read once the
     * last message is answered and before any connection closes, so that no thread measured has ended.
     */
    record Window(double rate, Map<String, Double> threads, double postgresSeconds, int messages, String cores) {

        String perMessage() {
            return ThreadCpu.microsPerUnitJson(top(), messages);
        }

        double totalMicrosPerMessage() {
            return (threads.values().stream().mapToDouble(Double::doubleValue).sum() + postgresSeconds) * 1e6 / messages;
        }

        /** The ten largest groups, the rest summed as "other", and PostgreSQL. */
        private Map<String, Double> top() {
            Map<String, Double> top = new java.util.LinkedHashMap<>();
            threads.entrySet().stream().limit(10).forEach(entry -> top.put(entry.getKey(), entry.getValue()));
            top.put("other threads", threads.entrySet().stream().skip(10).mapToDouble(Map.Entry::getValue).sum());
            top.put("postgres (processes)", postgresSeconds);
            return top;
        }
    }

    /** Sends every message once over {@value #CLIENTS} connections. */
    private static Window send(int port, List<byte[]> messages) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(properties);
        // Parsed before the clock starts: a MimeMessage read from bytes writes those same bytes back.
        List<MimeMessage> parsed = new ArrayList<>(messages.size());
        for (byte[] message : messages) {
            parsed.add(new MimeMessage(session, new ByteArrayInputStream(message)));
        }
        InternetAddress[] to = {new InternetAddress(SUPPORT)};
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS, task -> new Thread(task, "bench-client"));
        CountDownLatch allSent = new CountDownLatch(CLIENTS);
        CountDownLatch measured = new CountDownLatch(1);
        long self = ProcessHandle.current().pid();
        List<CpuClock.Process> watched = List.of(new CpuClock.Process(self, "bench_jvm"));
        Map<Long, ThreadCpu.ThreadTime> threadsBefore = ThreadCpu.sample(self);
        CpuClock.Sample before = CpuClock.sample(watched);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int first = client;
            results.add(pool.submit(() -> {
                int sent = 0;
                try (Transport transport = session.getTransport("smtp")) {
                    try {
                        transport.connect();
                        for (int i = first; i < parsed.size(); i += CLIENTS) {
                            transport.sendMessage(parsed.get(i), to);
                            sent++;
                        }
                    } finally {
                        allSent.countDown();
                    }
                    measured.await();
                }
                return sent;
            }));
        }
        allSent.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> threads = ThreadCpu.between(threadsBefore, ThreadCpu.sample(self));
        CpuClock.Sample after = CpuClock.sample(watched);
        double postgres = after.seconds().get("postgres") - before.seconds().get("postgres");
        measured.countDown();
        int sent = 0;
        for (Future<Integer> result : results) {
            sent += result.get();
        }
        pool.shutdown();
        assertThat(sent).isEqualTo(messages.size());
        return new Window(sent / seconds, threads, postgres, sent, CpuClock.json(before, after));
    }

    static List<byte[]> messages(String run, int count) {
        byte[] attachment = new byte[36 * 1024];
        new Random(42).nextBytes(attachment);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        String body = "Hello, please find my statement attached. I was charged twice.\r\n".repeat(20);
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String raw = "From: Customer " + i + " <customer" + (i % 500) + "@bench.example>\r\n"
                    + "To: " + SUPPORT + "\r\n"
                    + "Subject: Statement " + i + "\r\n"
                    + "Message-ID: <bench-" + run + "-" + i + "@bench.example>\r\n"
                    + "MIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"" + BOUNDARY + "\"\r\n\r\n"
                    + "--" + BOUNDARY + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"
                    + "--" + BOUNDARY + "\r\nContent-Type: application/pdf; name=\"statement.pdf\"\r\n"
                    + "Content-Disposition: attachment; filename=\"statement.pdf\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--" + BOUNDARY + "--\r\n";
            messages.add(raw.getBytes(StandardCharsets.US_ASCII));
        }
        return messages;
    }
}
