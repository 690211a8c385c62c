package io.switchboard.routing.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import io.switchboard.service.messaging.KafkaConnection;

import io.switchboard.routing.config.RoutingConfig;

/**
 * The plain Kafka clients of the routing service. Routing manages partitions, offsets and
 * rebalances itself (one writer per domain, state rebuilt on assignment), which the declarative
 * messaging channels do not expose, so it uses the Kafka client directly.
 */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;
    private final RoutingConfig config;
    private final Map<String, Object> connection;
    private final MeterRegistry registry;

    /**
     * @param broker every {@code kafka.*} setting (from properties or {@code KAFKA_*} variables, prefix
     *               removed), as the messaging channels get them; routing takes their connection part
     */
    public KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, RoutingConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> broker, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.connection = KafkaConnection.settings(broker);
        this.registry = registry;
    }

    /** A long-lived consumer, its metrics on /q/metrics. */
    public KafkaConsumer<String, byte[]> consumer(String group, String clientId) {
        KafkaConsumer<String, byte[]> consumer = transientConsumer(group, clientId);
        // Its lag and fetch rates on /q/metrics, like the messaging channels' clients (kafka_consumer_*).
        new KafkaClientMetrics(consumer).bindTo(registry);
        return consumer;
    }

    /** A consumer for one short read (its metrics would outlive it, so none are bound). */
    public KafkaConsumer<String, byte[]> transientConsumer(String group, String clientId) {
        Map<String, Object> props = new HashMap<>(connection);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, config.sessionTimeout().toMillis() / 4));
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaProducer<String, byte[]> producer(String clientId) {
        Map<String, Object> props = new HashMap<>(connection);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        new KafkaClientMetrics(producer).bindTo(registry);
        return producer;
    }

    /**
     * Creates the internal commands topic when it does not exist yet, with the cluster's default
     * replication factor (a real cluster replicates it like every other topic; a test broker has one).
     */
    public void ensureCommandsTopic() {
        Map<String, Object> props = new HashMap<>(connection);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(config.commandsTopic(), Optional.of(config.commandPartitions()), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + config.commandsTopic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer", e);
        }
    }
}
