package io.switchboard.admin;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import io.switchboard.testing.kafka.KafkaTestClient;

/**
 * What the console's suites against real Kafka, PostgreSQL and Keycloak share: their own two tenants
 * ({@link ConsoleFixture}) and a Kafka client reading the topics as the other services would. Each
 * subclass is a per-class {@code @QuarkusTest} with the same test resources.
 */
abstract class ConsoleSuite {

    static final Duration WAIT = Duration.ofSeconds(20);

    ConsoleFixture f;
    KafkaTestClient kafka;

    /** Once per class, but after Quarkus has pointed REST Assured at the app (it does so before each test). */
    @BeforeEach
    void setUpSuite() {
        if (f != null) {
            return;
        }
        f = new ConsoleFixture();
        f.createTenants();
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    void tearDownSuite() {
        kafka.close();
    }
}
