package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.kafka.KafkaTestClient;

class EmbeddedKafkaBrokerTest {

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();

    @Test
    void publishedRecordsAreReadBackInOrderPerKey() {
        try (KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            String key = EmbeddedKafkaBroker.uniqueId("contact");
            for (int i = 0; i < 5; i++) {
                client.send(Topics.CONTACTS, key, ("message-" + i).getBytes(StandardCharsets.UTF_8));
            }
            var records = client.await(Topics.CONTACTS, r -> key.equals(r.key()), 5, Duration.ofSeconds(30));
            assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("message-0", "message-1", "message-2", "message-3", "message-4");
        }
    }

    @Test
    void everyPlatformTopicExistsWithItsPartitionsAndCompaction() throws Exception {
        try (Admin admin = broker.admin()) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            for (Topics.TopicSpec spec : Topics.all()) {
                assertThat(names).contains(spec.name());
                int partitions = admin.describeTopics(Set.of(spec.name())).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get(spec.name()).partitions().size();
                assertThat(partitions).as(spec.name()).isEqualTo(spec.partitions());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                ConfigEntry cleanup = admin.describeConfigs(Set.of(resource)).all().get(10, TimeUnit.SECONDS)
                        .get(resource).get("cleanup.policy");
                assertThat(cleanup.value()).as(spec.name()).isEqualTo(spec.compacted() ? "compact" : "delete");
            }
        }
    }

    @Test
    void theSharedBrokerIsOnePerJvm() {
        assertThat(EmbeddedKafkaBroker.shared()).isSameAs(broker);
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    }
}
