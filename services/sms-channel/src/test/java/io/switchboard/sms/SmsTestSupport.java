package io.switchboard.sms;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.service.webhook.TwilioSignature;
import io.switchboard.testing.kafka.KafkaTestClient;

/** What the SMS suites share: the demo tenants, signed Twilio webhooks, and reading the contacts topic. */
public final class SmsTestSupport {

    public static final String PUBLIC_URL = "https://sms.switchboard.test";
    public static final String TOKEN = "test-twilio-token";
    public static final String ACCOUNT = "ACswitchboardtest00000000000000000";
    public static final String ACME_NUMBER = "+447700900100";
    public static final String GLOBEX_NUMBER = "+34600000100";
    public static final URI SOURCE = URI.create("/tests/sms-channel");

    private SmsTestSupport() {
    }

    public static void configureTenants(KafkaTestClient kafka) {
        kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general",
                List.of(new TenantConfigured.EntryPoint(Channel.SMS, "07700 900100", "billing"),
                        new TenantConfigured.EntryPoint(Channel.SMS, SmscResource.NUMBER, "billing"),
                        new TenantConfigured.EntryPoint(Channel.EMAIL, "support@acme-bank.example", "billing"))), SOURCE);
        kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("globex".getBytes()), "globex-travel",
                Instant.parse("2026-01-01T00:00:00Z"), "Globex Travel", "Europe/Madrid", "ES", null, "bookings",
                List.of(new TenantConfigured.EntryPoint(Channel.SMS, GLOBEX_NUMBER, "bookings"))), SOURCE);
    }

    /** A valid UK mobile number, different for every call. */
    public static String customer() {
        return "+4479111" + String.format("%05d", ThreadLocalRandom.current().nextInt(0, 100000));
    }

    public static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    public static Map<String, String> text(String sid, String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "GB");
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("AccountSid", ACCOUNT);
        form.put("From", from);
        form.put("To", to);
        form.put("Body", body);
        form.put("NumSegments", "1");
        form.put("NumMedia", "0");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String signature(String path, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return TwilioSignature.sign(TOKEN, PUBLIC_URL + path, params);
    }

    /** A webhook as Twilio sends it: form-encoded, signed over the public URL. */
    public static Response post(String path, Map<String, String> form) {
        return postRaw(path, encode(form).getBytes(StandardCharsets.US_ASCII), signature(path, form));
    }

    public static Response postRaw(String path, byte[] body, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=ISO-8859-1")
                .body(new String(body, StandardCharsets.ISO_8859_1));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        Response response = request.post(path);
        if (response.statusCode() != 200) {
            System.out.println("webhook " + path + " answered " + response.statusCode() + ": " + response.asString());
        }
        return response;
    }

    /** Every contact event on the topic so far (read to the end offsets), decoded. */
    public static List<ContactEvent> contactEvents(String bootstrap) {
        return events(bootstrap, Topics.CONTACTS).stream().filter(ContactEvent.class::isInstance).map(ContactEvent.class::cast).toList();
    }

    /** Every event on a topic, from the beginning. */
    public static List<SwitchboardEvent> events(String bootstrap, String topic) {
        List<SwitchboardEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(KafkaTestClient.decode(record));
                }
            }
        }
        return events;
    }
}
