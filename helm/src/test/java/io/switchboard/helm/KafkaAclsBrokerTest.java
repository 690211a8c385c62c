package io.switchboard.helm;

import static io.switchboard.helm.Manifests.name;
import static io.switchboard.helm.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.TopicAccess;
import io.switchboard.events.Topics;
import io.switchboard.testing.kafka.SecuredKafkaBroker;

/**
 * Issue 14 on a real broker: a KRaft broker requiring SCRAM-SHA-512 with the StandardAuthorizer, one user
 * per KafkaUser of the chart's secured render and exactly that KafkaUser's ACLs. Here rather than in
 * libs/contact-events because it checks what the chart deploys (libs/testing, which holds the broker,
 * itself depends on contact-events). Without the authorizer or with wider ACLs the refusals below fail.
 */
class KafkaAclsBrokerTest {

    private static final String PASSWORD_SUFFIX = "-password";
    private static final String INTRUDER = "intruder";

    private static SecuredKafkaBroker broker;

    @BeforeAll
    static void startBrokerWithTheChartsUsers() throws Exception {
        broker = SecuredKafkaBroker.start();
        try (Admin admin = broker.admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (Topics.TopicSpec spec : Topics.all()) {
                topics.add(new NewTopic(spec.name(), 1, (short) 1));
            }
            topics.add(new NewTopic(TopicAccess.ROUTING_COMMANDS, 1, (short) 1));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            List<AclBinding> bindings = new ArrayList<>();
            for (JsonNode user : ofKind(KafkaAclsTest.secured(), "KafkaUser")) {
                broker.upsertUser(name(user), name(user) + PASSWORD_SUFFIX);
                bindings.addAll(bindings(user));
            }
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        }
        broker.upsertUser(INTRUDER, INTRUDER + PASSWORD_SUFFIX);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void routingCannotPublishConfigurationButCanPublishRoutingDecisions() throws Exception {
        assertThat(send("routing", Topics.ROUTING)).isEmpty();
        assertThat(send("routing", Topics.CONFIG)).containsInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void onlyTheAdminConsolePublishesConfiguration() throws Exception {
        assertThat(send("admin-console", Topics.CONFIG)).isEmpty();
        for (String service : List.of("chat-channel", "voice-gateway", "agent-desktop", "customer360")) {
            assertThat(send(service, Topics.CONFIG)).as(service).containsInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aChannelCannotPublishAnotherChannelsCommands() throws Exception {
        assertThat(send("sms-channel", Topics.CONTACTS)).isEmpty();
        assertThat(send("sms-channel", "switchboard.outbound.voice.v1")).containsInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aPrincipalWithoutAclsCanDoNothing() throws Exception {
        try (KafkaProducer<String, String> producer = producer(INTRUDER)) {
            assertThat(send(producer, Topics.CONTACTS)).containsInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(INTRUDER, "switchboard-routing")) {
            consumer.subscribe(List.of(Topics.CONFIG));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOfAny(TopicAuthorizationException.class, GroupAuthorizationException.class);
        }
    }

    @Test
    void aConsumerWithAnotherServicesGroupIsRefused() {
        try (KafkaConsumer<String, String> own = consumer(user("routing"), "switchboard-routing-acl-test")) {
            own.subscribe(List.of(Topics.CONTACTS));
            own.poll(Duration.ofSeconds(3));
        }
        try (KafkaConsumer<String, String> stolen = consumer(user("routing"), "switchboard-customer360")) {
            stolen.subscribe(List.of(Topics.CONTACTS));
            assertThatThrownBy(() -> stolen.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = broker.clientConfig(user("admin-console"), "not-the-password");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            assertThat(send(producer, Topics.CONFIG)).containsInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** The KafkaUser's ACL rules as the Admin API's bindings, for the user named like the KafkaUser. */
    private static List<AclBinding> bindings(JsonNode user) {
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourceType type = switch (resource.path("type").asText()) {
                case "topic" -> ResourceType.TOPIC;
                case "group" -> ResourceType.GROUP;
                case "cluster" -> ResourceType.CLUSTER;
                case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
                default -> throw new AssertionError("resource type " + resource.path("type"));
            };
            PatternType pattern = resource.path("patternType").asText("literal").equals("prefix") ? PatternType.PREFIXED : PatternType.LITERAL;
            String resourceName = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
            for (JsonNode operation : acl.path("operations")) {
                AclOperation op = AclOperation.fromString(operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2"));
                assertThat(op).as("operation %s", operation).isNotEqualTo(AclOperation.UNKNOWN);
                bindings.add(new AclBinding(new ResourcePattern(type, resourceName, pattern),
                        new AccessControlEntry("User:" + name(user), acl.path("host").asText("*"), op, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    private static String user(String service) {
        return Chart.RELEASE + "-kafka-" + service;
    }

    private static Optional<Throwable> send(String service, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = producer(user(service))) {
            return send(producer, topic);
        }
    }

    /** Empty when the record was accepted, else the cause of the failure. */
    private static Optional<Throwable> send(KafkaProducer<String, String> producer, String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, "acl-test", "{}")).get(20, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (Exception e) {
            return Optional.of(e);
        }
    }

    private static KafkaProducer<String, String> producer(String user) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(user, user + PASSWORD_SUFFIX));
        // The services' producers are idempotent (the default); no IdempotentWrite ACL is granted.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(user, user + PASSWORD_SUFFIX));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
