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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * One KRaft process (broker and controller in one) on random loopback ports with its own temp folder:
 * what {@link EmbeddedKafkaBroker} and {@link SecuredKafkaBroker} share. A broker takes
 * {@link #baseConfig()}, adds its client listener and whatever it needs, and {@link #start}s.
 */
final class KraftNode implements AutoCloseable {

    final int brokerPort;
    final int controllerPort;
    private final Path dataDir;
    private KafkaRaftServer server;

    private KraftNode(Path dataDir, int brokerPort, int controllerPort) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    static KraftNode prepare(String tempPrefix) {
        try {
            return new KraftNode(Files.createTempDirectory(tempPrefix), freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a Kafka node", e);
        }
    }

    /** A single node's settings: its roles, its controller listener, its logs and replication of one. */
    Properties baseConfig() {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    /**
     * Writes the config, formats the storage (extra arguments such as {@code --add-scram} go to the format
     * command) and starts the server.
     */
    void start(Properties config, String comment, String... formatArguments) {
        try {
            Path file = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(file)) {
                config.store(out, comment);
            }
            format(file, formatArguments);
            server = new KafkaRaftServer(KafkaConfig.fromProps(loadProperties(file)), Time.SYSTEM);
            server.startup();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka node in " + dataDir, e);
        }
    }

    /** Waits up to 60 s until an admin client of the broker sees the cluster. */
    static void awaitReady(Supplier<Admin> admins, String broker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admins.get()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(broker + " not ready", e);
            }
        }
        throw last != null ? last : new IllegalStateException(broker + " not ready");
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void format(Path configFile, String... extra) {
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

    private static Properties loadProperties(Path file) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        return props;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp folder is harmless; the broker is already down.
        }
    }
}
