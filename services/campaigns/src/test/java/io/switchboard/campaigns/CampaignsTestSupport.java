package io.switchboard.campaigns;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.CallAttemptCompleted;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.events.Channel;
import io.switchboard.events.PromptConfigured;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.kafka.KafkaTestClient;

/**
 * What the campaign suites share: the demo tenants' configuration on the config topic, requests with real
 * tokens, the voice topic read back, results published as the gateway would, and a look into the tables.
 */
public final class CampaignsTestSupport {

    public static final URI SOURCE = URI.create("/tests/campaigns");
    public static final String ACME = "acme-bank";
    public static final String GLOBEX = "globex-travel";
    public static final String CALLER_ID = "+442079460000";
    /** A Monday, 12:00 UTC: noon in London, 21:00 (closed) in Tokyo. */
    public static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

    private CampaignsTestSupport() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** acme-bank (London, GB, one DID) with queues sales (dispositions incl. PROMISE_TO_PAY) and support; agents alice (sales) and bob. */
    public static void configure(Directory directory) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap())) {
            kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("t-acme".getBytes()), ACME, at, "Acme Bank", "Europe/London", "GB", null,
                    "sales", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, "020 7946 0000", "sales"),
                            new TenantConfigured.EntryPoint(Channel.EMAIL, "support@acme-bank.example", "support"))), SOURCE);
            kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("t-globex".getBytes()), GLOBEX, at, "Globex Travel", "Europe/Madrid",
                    "ES", null, "bookings", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, "+34910000000", "bookings"))), SOURCE);
            kafka.publish(queue("sales", List.of("SALE", "ANSWERING_MACHINE", "PROMISE_TO_PAY")), SOURCE);
            kafka.publish(queue("support", List.of("RESOLVED")), SOURCE);
            kafka.publish(new AgentConfigured(UUID.nameUUIDFromBytes("a-alice".getBytes()), ACME, at, "alice", "Alice", List.of(ACME),
                    Map.of("sales", 2), Map.of(Channel.VOICE, 1), false, true), SOURCE);
            kafka.publish(new AgentConfigured(UUID.nameUUIDFromBytes("a-bob".getBytes()), ACME, at, "bob", "Bob", List.of(ACME),
                    Map.of("support", 3), Map.of(Channel.VOICE, 1), false, true), SOURCE);
            kafka.publish(new PromptConfigured(UUID.nameUUIDFromBytes("p-q1".getBytes()), ACME, at, "q1-satisfaction", "How satisfied?",
                    "AAAA", true), SOURCE);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.tenant(ACME).isPresent() && directory.tenant(GLOBEX).isPresent()
                && directory.queue(ACME, "support").isPresent() && directory.agent("bob").isPresent()
                && directory.hasPrompt(ACME, "q1-satisfaction"));
    }

    private static QueueConfigured queue(String id, List<String> dispositions) {
        return new QueueConfigured(UUID.nameUUIDFromBytes(("q-" + id).getBytes()), ACME, Instant.parse("2026-01-01T00:00:00Z"), id, id,
                Map.of(id, 1), 0, new QueueConfigured.ServiceLevelTarget(20, 80), null, 0, 20, 0, null, List.of(), null, false, true, 0,
                dispositions.stream().map(d -> new QueueConfigured.Disposition(d, d)).toList(), List.of());
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    /** A campaign body with the given fields over the defaults (sales queue, the DID, progressive). */
    public static Map<String, Object> campaign(String name, Map<String, Object> overrides) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("queueId", "sales");
        body.put("callerId", CALLER_ID);
        body.put("mode", "PROGRESSIVE");
        body.putAll(overrides);
        return body;
    }

    public static String create(Map<String, Object> body) {
        return as("sam").contentType(ContentType.JSON).body(body).post("/api/campaigns/tenants/acme-bank/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    public static void list(String campaignId, String csv) {
        as("sam").contentType("text/csv").body(csv).put("/api/campaigns/tenants/acme-bank/campaigns/" + campaignId + "/list")
                .then().statusCode(200);
    }

    public static void start(String campaignId) {
        as("sam").post("/api/campaigns/tenants/acme-bank/campaigns/" + campaignId + "/start?allowOverlap=true").then().statusCode(200);
    }

    /** Routing's figures: {@code free} agents available in acme-bank's sales queue, reported at {@code at}. */
    public static void freeAgents(int free, Instant at) {
        // Tests go back in time between them; the service keeps only the latest figure.
        execute("DELETE FROM queue_figures");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap())) {
            kafka.publish(new QueueStatsReported(UUID.randomUUID(), ACME, at, "sales", 0, null, free, LocalDate.ofInstant(at,
                    java.time.ZoneOffset.UTC), 0, 0, 0, 0, null, 20, 80), SOURCE);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> scalar("SELECT count(*) FROM queue_figures WHERE tenant_id = 'acme-bank'"
                + " AND queue_id = 'sales' AND agents_available = " + free + " AND reported_at = '" + at + "'") == 1);
    }

    /** Publishes the gateway's result of an attempt and waits until the service applied it. */
    public static void result(CampaignCallRequested call, CallAttemptCompleted.Result result, Instant at, List<String> answers) {
        publish(new CallAttemptCompleted(UUID.randomUUID(), ACME, at, call.contactId(), call.campaignId(), call.recordId(), result,
                result == CallAttemptCompleted.Result.BUSY || result == CallAttemptCompleted.Result.NO_ANSWER
                        || result == CallAttemptCompleted.Result.FAILED ? null : at, "test", answers));
        await().atMost(Duration.ofSeconds(20)).until(() -> scalar("SELECT count(*) FROM attempt WHERE contact_id = '" + call.contactId()
                + "' AND result IS NOT NULL") == 1);
    }

    public static void publish(SwitchboardEvent event) {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap())) {
            kafka.publish(event, SOURCE);
        }
    }

    /** Every call request of the campaign on the voice topic so far, in order. */
    public static List<CampaignCallRequested> calls(String campaignId) {
        List<CampaignCallRequested> calls = new ArrayList<>();
        for (SwitchboardEvent event : readAll(Topics.outbound(Channel.VOICE))) {
            if (event instanceof CampaignCallRequested call && call.campaignId().equals(campaignId)) {
                calls.add(call);
            }
        }
        calls.sort(java.util.Comparator.comparing(CampaignCallRequested::occurredAt).thenComparing(CampaignCallRequested::attempt));
        return calls;
    }

    /** Every event on a topic so far (read to its end offsets), decoded. */
    public static List<SwitchboardEvent> readAll(String topic) {
        List<SwitchboardEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    SwitchboardEvent event = KafkaTestClient.decode(record);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    public static long scalar(String sql) {
        try (Connection db = connection(); PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(String sql) {
        try (Connection db = connection(); PreparedStatement s = db.prepareStatement(sql)) {
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static Connection connection() throws SQLException {
        Config config = ConfigProvider.getConfig();
        Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
        db.setSchema("campaign");
        return db;
    }
}
