package io.switchboard.service.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.events.Topics;
import io.switchboard.events.codec.DecodeResult;
import io.switchboard.events.codec.EventCodec;
import io.switchboard.service.messaging.KafkaConnection;

/**
 * Reads the compacted configuration topic from its beginning to the end it has at start and hands
 * every tenant's configuration to the service's entry-point directories, then marks them loaded. Until
 * then the service is not ready ({@link EntryPointReadiness}), so a carrier's first call or a webhook
 * right after a start never meets "unknown number"; and a platform with no tenant yet becomes ready
 * too (the topic's end is its beginning). The service's own consumer keeps the directories current
 * afterwards. Kafka not answering is retried until it does.
 */
@ApplicationScoped
public class ConfigTopicCatchUp {

    private static final Logger LOG = Logger.getLogger(ConfigTopicCatchUp.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Instance<EntryPointDirectory> directories;
    private final String bootstrapServers;
    private final Map<String, Object> connection;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param broker every {@code kafka.*} setting, as the messaging channels get them; the TLS and SASL
     *               part of it reaches a secured cluster as they do
     */
    public ConfigTopicCatchUp(Instance<EntryPointDirectory> directories,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> broker) {
        this.directories = directories;
        this.bootstrapServers = bootstrapServers;
        this.connection = KafkaConnection.settings(broker);
    }

    void start(@Observes StartupEvent start) {
        if (directories.isUnsatisfied()) {
            return;
        }
        thread = new Thread(this::catchUp, "config-catch-up");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void catchUp() {
        while (running) {
            try {
                int tenants = readToEnd();
                directories.forEach(EntryPointDirectory::markLoaded);
                LOG.infof("read %d tenant configurations from %s; entry points are known", tenants, Topics.CONFIG);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("could not read %s yet (%s); retrying in %d s", Topics.CONFIG, e.getMessage(), RETRY.toSeconds());
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int readToEnd() {
        Map<String, Object> props = new HashMap<>(connection);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "config-catch-up");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        int tenants = 0;
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.CONFIG, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException(Topics.CONFIG + " does not exist yet");
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(10));
            while (running && partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && EventCodec.decode(record.value()) instanceof DecodeResult.Decoded decoded) {
                        for (EntryPointDirectory directory : directories) {
                            directory.accept(decoded.event());
                        }
                        tenants += decoded.event() instanceof io.switchboard.events.TenantConfigured ? 1 : 0;
                    }
                }
            }
        }
        return tenants;
    }
}
