package io.switchboard.social;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.social.domain.Signatures;
import io.switchboard.testing.kafka.KafkaTestClient;

/** What the social channel's suites share: tenants, signed webhooks, the topic, WireMock. */
public final class Fixture implements AutoCloseable {

    public static final String APP_SECRET = "test-meta-app-secret";
    public static final String WHATSAPP = "100000000000001";
    public static final String GLOBEX_WHATSAPP = "100000000000002";
    public static final String PAGE = "200000000000001";
    public static final String INSTAGRAM = "300000000000001";
    public static final String BOT = "acme_bank_bot";
    public static final String BOT_SECRET = "test-telegram-secret";
    public static final URI SOURCE = URI.create("/tests/social-channel");

    public final KafkaTestClient kafka;
    public final WireMock wireMock;
    private final String bootstrap;

    public Fixture() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        kafka = new KafkaTestClient(bootstrap);
        URI graph = URI.create(ConfigProvider.getConfig().getValue("switchboard.social.meta.graph-api-base-url", String.class));
        wireMock = new WireMock(graph.getHost(), graph.getPort());
    }

    public void configureTenants() {
        kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general", List.of(
                        new TenantConfigured.EntryPoint(Channel.SOCIAL, "whatsapp:" + WHATSAPP, "billing"),
                        new TenantConfigured.EntryPoint(Channel.SOCIAL, "messenger:" + PAGE, "billing"),
                        new TenantConfigured.EntryPoint(Channel.SOCIAL, "instagram:" + INSTAGRAM, "billing"),
                        new TenantConfigured.EntryPoint(Channel.SOCIAL, "telegram:" + BOT, "billing"))), SOURCE);
        kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("globex".getBytes()), "globex-travel",
                Instant.parse("2026-01-01T00:00:00Z"), "Globex Travel", "Europe/Madrid", "ES", null, "bookings",
                List.of(new TenantConfigured.EntryPoint(Channel.SOCIAL, "WhatsApp:" + GLOBEX_WHATSAPP, "bookings"))), SOURCE);
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A customer's WhatsApp id: a Washington DC number libphonenumber accepts, random enough that tests never share one. */
    public static String waId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "1202" + random.nextInt(2, 10) + String.format("%06d", random.nextInt(1_000_000));
    }

    public static String whatsappText(String phoneNumberId, String waId, String name, String messageId, Instant sentAt, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000001","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(phoneNumberId, name, waId, waId, messageId, sentAt.getEpochSecond(), text);
    }

    public static String whatsappStatus(String providerId, String waId, String status, String errors) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}]}}]}]}
                """.formatted(WHATSAPP, providerId, status, Instant.now().getEpochSecond(), waId,
                errors == null ? "" : ",\"errors\":" + errors);
    }

    public static Response postMeta(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").header("X-Hub-Signature-256", Signatures.metaSignature(APP_SECRET, bytes))
                .body(bytes).post("/webhooks/meta");
    }

    public static Response postTelegram(String body, String secret) {
        return given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", secret)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/webhooks/telegram/" + BOT);
    }

    public SwitchboardEvent await(Predicate<SwitchboardEvent> matching) {
        return kafka.awaitEvent(Topics.CONTACTS, matching, Duration.ofSeconds(30));
    }

    /** Every record on the contacts topic, read from the start until one containing {@code sentinel} was seen. */
    public List<String> contactsUntil(String sentinel) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, unique("social-test-"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CONTACTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean found = false;
            while (!found && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    seen.add(value);
                    found |= value.contains(sentinel);
                }
            }
            // Drain what else is there (other partitions may still hold records published before the sentinel).
            for (int i = 0; i < 3; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(new String(r.value(), StandardCharsets.UTF_8)));
            }
            if (!found) {
                throw new AssertionError("the sentinel " + sentinel + " never reached " + Topics.CONTACTS);
            }
        }
        return seen;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
