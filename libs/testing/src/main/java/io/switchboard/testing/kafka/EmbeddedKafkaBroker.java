package io.switchboard.testing.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import io.switchboard.events.Topics;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) running inside the test JVM
 * on random loopback ports. One instance is shared by every suite of a JVM (see {@link #shared()}):
 * starting a broker costs 2-3 s, and suites isolate themselves through their own ids and groups.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static EmbeddedKafkaBroker shared;

    private final KraftNode node;

    private EmbeddedKafkaBroker(KraftNode node) {
        this.node = node;
    }

    /** The broker of this JVM, started on first use with every platform topic created. */
    public static synchronized EmbeddedKafkaBroker shared() {
        if (shared == null) {
            shared = start();
            shared.createTopics(Topics.all());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-kafka-shutdown"));
        }
        return shared;
    }

    /** Starts a fresh broker; the caller owns it and must close it. */
    public static EmbeddedKafkaBroker start() {
        KraftNode node = KraftNode.prepare("switchboard-kafka-");
        Properties props = node.baseConfig();
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort + ",CONTROLLER://127.0.0.1:" + node.controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("auto.create.topics.enable", "true");
        props.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        node.start(props, "embedded test broker");
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(node);
        KraftNode.awaitReady(broker::admin, "broker on " + broker.bootstrapServers());
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + node.brokerPort;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(List<Topics.TopicSpec> topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (Topics.TopicSpec spec : topics) {
                NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1);
                if (spec.compacted()) {
                    topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                newTopics.add(topic);
            }
            for (var entry : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics on " + bootstrapServers(), e);
        }
    }

    @Override
    public synchronized void close() {
        node.close();
    }

    /** A random id, for consumer groups and keys that must not collide between suites. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
