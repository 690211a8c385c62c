package io.switchboard.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node KRaft broker like {@link EmbeddedKafkaBroker}, but as a production cluster with security
 * runs: clients must log in with SCRAM-SHA-512 on a SASL_PLAINTEXT listener, and the StandardAuthorizer
 * refuses whatever no ACL allows. Only the super user {@value #ADMIN} may do anything without ACLs; it
 * creates the other users through the Admin API. Each test owns its broker and closes it.
 */
public final class SecuredKafkaBroker implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    private final Path dataDir;
    private final int brokerPort;
    private final String adminPassword;
    private final KafkaRaftServer server;

    private SecuredKafkaBroker(Path dataDir, int brokerPort, String adminPassword, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.adminPassword = adminPassword;
        this.server = server;
    }

    public static SecuredKafkaBroker start() {
        try {
            Path dataDir = Files.createTempDirectory("switchboard-kafka-sasl-");
            int brokerPort = EmbeddedKafkaBroker.freePort();
            int controllerPort = EmbeddedKafkaBroker.freePort();
            String adminPassword = UUID.randomUUID().toString();
            Path configFile = writeConfig(dataDir, brokerPort, controllerPort, adminPassword);
            // The super user's credential must exist before the broker starts: nobody could create it later.
            EmbeddedKafkaBroker.format(configFile, "--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]");
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(EmbeddedKafkaBroker.loadProperties(configFile)), Time.SYSTEM);
            server.startup();
            SecuredKafkaBroker broker = new SecuredKafkaBroker(dataDir, brokerPort, adminPassword, server);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the secured Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Bootstrap servers and SCRAM login of one user, for a producer, consumer or admin client. */
    public Map<String, Object> clientConfig(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        return config;
    }

    /** An admin client logged in as the super user. */
    public Admin admin() {
        return Admin.create(clientConfig(ADMIN, adminPassword));
    }

    /** Creates (or re-keys) a SCRAM-SHA-512 user. */
    public void upsertUser(String name, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the SCRAM user " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            EmbeddedKafkaBroker.deleteRecursively(dataDir);
        }
    }

    private static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException("secured broker on " + bootstrapServers() + " not ready", e);
            }
        }
        throw last != null ? last : new IllegalStateException("secured broker not ready");
    }

    private static Path writeConfig(Path dataDir, int brokerPort, int controllerPort, String adminPassword) throws IOException {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        props.setProperty("sasl.enabled.mechanisms", MECHANISM);
        props.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaasConfig(ADMIN, adminPassword));
        props.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The controller listener is plaintext on loopback: the node's own broker reaches its controller there
        // as ANONYMOUS, which must be allowed the cluster actions. Clients only reach the SASL listener.
        props.setProperty("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        props.setProperty("allow.everyone.if.no.acl.found", "false");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "embedded secured test broker");
        }
        return file;
    }
}
