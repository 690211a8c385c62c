package io.switchboard.testing.kafka;

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

/**
 * A single-node KRaft broker like {@link EmbeddedKafkaBroker}, but as a production cluster with security
 * runs: clients must log in with SCRAM-SHA-512 on a SASL_PLAINTEXT listener, and the StandardAuthorizer
 * refuses whatever no ACL allows. Only the super user {@value #ADMIN} may do anything without ACLs; it
 * creates the other users through the Admin API. Each test owns its broker and closes it.
 */
public final class SecuredKafkaBroker implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    private final KraftNode node;
    private final String adminPassword;

    private SecuredKafkaBroker(KraftNode node, String adminPassword) {
        this.node = node;
        this.adminPassword = adminPassword;
    }

    public static SecuredKafkaBroker start() {
        KraftNode node = KraftNode.prepare("switchboard-kafka-sasl-");
        String adminPassword = UUID.randomUUID().toString();
        // The super user's credential must exist before the broker starts: nobody could create it later.
        node.start(config(node, adminPassword), "embedded secured test broker",
                "--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]");
        SecuredKafkaBroker broker = new SecuredKafkaBroker(node, adminPassword);
        KraftNode.awaitReady(broker::admin, "secured broker on " + broker.bootstrapServers());
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + node.brokerPort;
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
        node.close();
    }

    private static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static Properties config(KraftNode node, String adminPassword) {
        Properties props = node.baseConfig();
        props.setProperty("listeners", "SASL_PLAINTEXT://127.0.0.1:" + node.brokerPort + ",CONTROLLER://127.0.0.1:" + node.controllerPort);
        props.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + node.brokerPort);
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
        props.setProperty("auto.create.topics.enable", "false");
        return props;
    }
}
