package io.switchboard.customer360.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.Topics;
import io.switchboard.events.address.Address;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.postgres.PostgresDatabase;
import io.switchboard.testing.process.ServiceProcess;

/**
 * kill -9 of the packaged customer360 in the middle of a stream: the instance started after it must
 * end with every contact linked, every event in the timeline once, one customer per phone number,
 * and a snapshot on the customers topic for every customer (the outbox survives the crash).
 */
@Tag("e2e")
class Customer360CrashIT {

    private static final String TENANT = "crash-bank";
    private static final int CONTACTS = 3_000;
    private static final int PHONES = 1_000;
    private static final URI SOURCE = URI.create("/tests/customer360-crash");

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
    private PostgresDatabase database;
    private ServiceProcess running;

    @BeforeEach
    void database() {
        database = PostgresDatabase.create("customer360_crash");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (running != null) {
            running.stop();
        }
        database.close();
    }

    @Test
    void aKilledInstanceLosesAndDuplicatesNothing() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            publish(kafka, new TenantConfigured(UUID.randomUUID(), TENANT, Instant.now(), "Crash Bank", "Europe/London", "GB",
                    "demo", "general", List.of()));
            running = start("customer360-1");
            for (int i = 0; i < CONTACTS; i++) {
                Address phone = Address.phone("07400" + String.format("%06d", 100_000 + i % PHONES), "GB");
                String contactId = "crash-" + i;
                Instant at = Instant.now();
                send(kafka, new ContactCreated(UUID.randomUUID(), TENANT, at, contactId, Channel.SMS, Direction.INBOUND,
                        "+442079460000", phone, null, Map.of(), null, "message " + i, List.of(), "en", 0, Map.of()));
                send(kafka, new ContactMessageReceived(UUID.randomUUID(), TENANT, at.plusMillis(1), contactId, "m-" + i,
                        Channel.SMS, phone, "and another line " + i, List.of(), Map.of()));
            }
            kafka.flush();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> count("SELECT count(*) FROM processed_event") >= CONTACTS / 3);
            running.kill9();
            long processedAtKill = count("SELECT count(*) FROM processed_event");
            running = start("customer360-2");

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count("SELECT count(*) FROM processed_event") == 2L * CONTACTS);
            assertThat(processedAtKill).as("killed part-way").isLessThan(2L * CONTACTS);
            assertThat(count("SELECT count(*) FROM contact_link")).isEqualTo(CONTACTS);
            assertThat(count("SELECT count(*) FROM timeline_entry WHERE customer_id IS NOT NULL")).isEqualTo(2L * CONTACTS);
            assertThat(count("SELECT count(*) FROM identity")).isEqualTo(PHONES);
            assertThat(count("SELECT count(*) FROM customer")).as("one customer per phone number").isEqualTo(PHONES);

            Set<String> customers = ids("SELECT id FROM customer");
            Set<String> published = new HashSet<>();
            kafka.await(Topics.CUSTOMERS, record -> {
                published.add(record.key());
                return published.containsAll(customers);
            }, 1, Duration.ofMinutes(2));
            assertThat(published).as("a snapshot of every customer reached Kafka").containsAll(customers);
        }
    }

    private ServiceProcess start(String name) throws Exception {
        return ServiceProcess.start(name, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password())).awaitReady(Duration.ofSeconds(90));
    }

    private static void publish(KafkaTestClient kafka, SwitchboardEvent event) {
        kafka.send(EventType.of(event).topic(), event.subject(), EventCodec.encode(event, SOURCE));
    }

    private static void send(KafkaTestClient kafka, SwitchboardEvent event) {
        kafka.sendAsync(EventType.of(event).topic(), event.subject(), EventCodec.encode(event, SOURCE));
    }

    private long count(String query) throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> ids(String query) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private Connection connect() throws SQLException {
        Connection db = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        try (Statement sql = db.createStatement()) {
            sql.execute("SET search_path TO customer360");
        }
        return db;
    }
}
