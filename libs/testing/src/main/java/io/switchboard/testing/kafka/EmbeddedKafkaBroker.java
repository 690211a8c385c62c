package io.switchboard.testing.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import io.switchboard.events.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) running inside the test JVM
 * on random loopback ports. One instance is shared by every suite of a JVM (see {@link #shared()}):
 * starting a broker costs 2-3 s, and suites isolate themselves through their own ids and groups.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static EmbeddedKafkaBroker shared;

    private final Path dataDir;
    private final int brokerPort;
    private final KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, int brokerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.server = server;
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
        try {
            Path dataDir = Files.createTempDirectory("switchboard-kafka-");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Path configFile = writeConfig(dataDir, brokerPort, controllerPort);
            format(configFile);
            KafkaConfig config = KafkaConfig.fromProps(loadProperties(configFile));
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, brokerPort, server);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
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
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException("broker on " + bootstrapServers() + " not ready", e);
            }
        }
        throw last != null ? last : new IllegalStateException("broker not ready");
    }

    private static Path writeConfig(Path dataDir, int brokerPort, int controllerPort) throws IOException {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("auto.create.topics.enable", "true");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "embedded test broker");
        }
        return file;
    }

    /** Formats the KRaft storage of a config file; extra arguments such as {@code --add-scram} go to the format command. */
    static void format(Path configFile, String... extra) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile.toString()));
            args.addAll(List.of(extra));
            exit = StorageTool.execute(args.toArray(String[]::new), print);
        }
        if (exit != 0) {
            throw new IllegalStateException("formatting KRaft storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    static Properties loadProperties(Path file) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        return props;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp folder is harmless; the broker is already down.
        }
    }

    /** A random id, for consumer groups and keys that must not collide between suites. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
