package io.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of three nodes, each broker and controller in one, each its own JVM running the
 * platform's Kafka server jars (target/platform-lib) as ./switchboard runs its single broker. All three
 * are voters of one quorum. A node can be killed with -9 and started again on its own configuration and
 * log directory. {@link #close()} stops every node, and a shutdown hook kills whatever a crashed test
 * leaves behind.
 */
final class KafkaCluster implements AutoCloseable {

    static final int NODES = 3;
    private static final Path PLATFORM_LIB = Path.of("target/platform-lib").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Path dir;
    private final List<NodeConfig> nodes;
    private final Map<Integer, Process> running = new ConcurrentHashMap<>();
    private final Thread killOnExit = new Thread(this::killAll, "kafka-cluster-kill-on-exit");

    /** One node's identity, ports and files; the same on every start of the node. */
    record NodeConfig(int id, int brokerPort, int controllerPort, Path dir) {
        Path properties() {
            return dir.resolve("server.properties");
        }

        Path data() {
            return dir.resolve("data");
        }

        Path log() {
            return dir.resolve("kafka.log");
        }
    }

    private KafkaCluster(Path dir, List<NodeConfig> nodes) {
        this.dir = dir;
        this.nodes = nodes;
    }

    /** Formats three fresh nodes under {@code dir} with one cluster id, starts them and waits until all three are registered. */
    static KafkaCluster start(Path dir, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isDirectory(PLATFORM_LIB)) {
            throw new IllegalStateException(PLATFORM_LIB + " is missing: `./mvnw -pl deploy/local package -DskipTests` copies the Kafka server there");
        }
        deleteNodeDirectories(dir);
        List<Integer> ports = freeLoopbackPorts(2 * NODES);
        List<NodeConfig> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(new NodeConfig(i + 1, ports.get(2 * i), ports.get(2 * i + 1), dir.resolve("node-" + (i + 1))));
        }
        KafkaCluster cluster = new KafkaCluster(dir, List.copyOf(nodes));
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        try {
            cluster.format(Uuid.randomUuid().toString(), timeout);
            for (NodeConfig node : nodes) {
                cluster.launch(node);
            }
            cluster.awaitRegistered(cluster.nodeIds(), timeout);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.brokerPort()).collect(Collectors.joining(","));
    }

    Set<Integer> nodeIds() {
        return nodes.stream().map(NodeConfig::id).collect(Collectors.toUnmodifiableSet());
    }

    Path directory() {
        return dir;
    }

    /** An admin client that gives up on a dead node within seconds rather than the default minute. */
    Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** kill -9: no controlled shutdown, no leadership handed over. Returns {@link System#nanoTime()} at the signal. */
    long kill9(int nodeId) throws InterruptedException {
        Process process = running.remove(nodeId);
        if (process == null) {
            throw new IllegalStateException("node " + nodeId + " is not running");
        }
        long signalled = System.nanoTime();
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + nodeId + " (pid " + process.pid() + ") survived kill -9");
        }
        return signalled;
    }

    /** Starts a killed node again on the configuration and log directory it had. */
    void restart(int nodeId) throws IOException {
        launch(node(nodeId));
    }

    /** Waits until the given nodes are registered, unfenced brokers of the cluster. */
    void awaitRegistered(Set<Integer> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                failIfAnyExited();
                try {
                    Set<Integer> registered = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                            .map(Node::id).collect(Collectors.toSet());
                    if (registered.containsAll(ids)) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // Not answering yet.
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("nodes " + ids + " not registered within " + timeout + "; logs in " + dir);
    }

    @Override
    public void close() {
        running.values().forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Process process : running.values()) {
            try {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    private void killAll() {
        running.values().forEach(Process::destroyForcibly);
        running.clear();
    }

    private NodeConfig node(int id) {
        return nodes.stream().filter(node -> node.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    private void format(String clusterId, Duration timeout) throws IOException, InterruptedException {
        List<Process> formats = new ArrayList<>();
        for (NodeConfig node : nodes) {
            Files.createDirectories(node.data());
            Files.writeString(node.properties(), serverProperties(node));
            formats.add(new ProcessBuilder(JAVA, "-Xmx128m", "-cp", PLATFORM_LIB + "/*", "kafka.tools.StorageTool", "format",
                    "-t", clusterId, "-c", node.properties().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(node.dir().resolve("format.log").toFile())
                    .start());
        }
        for (int i = 0; i < formats.size(); i++) {
            Process format = formats.get(i);
            if (!format.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting node " + nodes.get(i).id() + " took longer than " + timeout);
            }
            if (format.exitValue() != 0) {
                throw new IllegalStateException("formatting node " + nodes.get(i).id() + " failed:\n"
                        + Files.readString(nodes.get(i).dir().resolve("format.log")));
            }
        }
    }

    private void launch(NodeConfig node) throws IOException {
        if (running.containsKey(node.id())) {
            throw new IllegalStateException("node " + node.id() + " is already running");
        }
        // The JVM options of Kafka's own kafka-server-start.sh, with a small heap.
        Process process = new ProcessBuilder(JAVA, "-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:InitiatingHeapOccupancyPercent=35", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", PLATFORM_LIB + "/*", "kafka.Kafka", node.properties().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()))
                .start();
        running.put(node.id(), process);
    }

    private void failIfAnyExited() {
        running.forEach((id, process) -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + id + " exited with " + process.exitValue() + "; see " + node(id).log());
            }
        });
    }

    /**
     * Production-like where it matters for a lost broker: replication factor 3 and min.insync.replicas 2
     * for every topic, no unclean leader election, and Kafka's default session and election timeouts.
     */
    private String serverProperties(NodeConfig node) {
        String voters = nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(","));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(node.id()));
        properties.put("controller.quorum.voters", voters);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort());
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", node.data().toString());
        properties.put("auto.create.topics.enable", "false");
        properties.put("default.replication.factor", "3");
        properties.put("min.insync.replicas", "2");
        properties.put("unclean.leader.election.enable", "false");
        properties.put("offsets.topic.replication.factor", "3");
        properties.put("transaction.state.log.replication.factor", "3");
        properties.put("transaction.state.log.min.isr", "2");
        properties.put("group.initial.rebalance.delay.ms", "0");
        return properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Ports the kernel hands out as free, all open at once so that they differ; none of the platform's fixed ones. */
    private static List<Integer> freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteNodeDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(path -> path.getFileName().toString().startsWith("node-")).toList()) {
                try (Stream<Path> tree = Files.walk(child)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                        try {
                            Files.delete(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }
}
