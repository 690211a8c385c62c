package io.switchboard.helm;

import static io.switchboard.helm.Manifests.component;
import static io.switchboard.helm.Manifests.environment;
import static io.switchboard.helm.Manifests.find;
import static io.switchboard.helm.Manifests.name;
import static io.switchboard.helm.Manifests.ofKind;
import static io.switchboard.helm.Manifests.plainValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;

import io.switchboard.events.TopicAccess;
import io.switchboard.events.TopicAccess.ServiceAccess;

/**
 * Issue 14: with kafka.security.enabled every service is its own SCRAM principal whose ACLs are exactly
 * its row of libs/contact-events TopicAccess; without it the cluster stays plaintext and open.
 */
class KafkaAclsTest {

    static List<JsonNode> secured() {
        return Chart.render("kafka-security", Chart.testValues("kafka-security.yaml"));
    }

    static List<JsonNode> securedExternal() {
        return Chart.render("kafka-security-external", Chart.testValues("kafka-security-external.yaml"));
    }

    @Test
    void theRenderedKafkaUsersGrantExactlyTheOwnershipTable() {
        Map<String, Set<String>> rendered = new TreeMap<>();
        for (JsonNode user : ofKind(secured(), "KafkaUser")) {
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.path("spec").path("authorization").path("type").asText()).isEqualTo("simple");
            rendered.put(serviceOf(name(user)), acls(user));
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        TopicAccess.all().forEach((service, access) -> expected.put(service, acls(access)));

        assertThat(rendered).isEqualTo(expected);
    }

    @Test
    void theListenersRequireScramAndTheClusterAuthorizes() {
        JsonNode kafka = find(secured(), "Kafka", d -> true).orElseThrow().path("spec").path("kafka");

        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(find(secured(), "Kafka", d -> true).orElseThrow().path("spec").path("entityOperator").has("userOperator"))
                .as("the User Operator, which makes the KafkaUsers").isTrue();
        for (JsonNode listener : kafka.path("listeners")) {
            assertThat(listener.path("authentication").path("type").asText()).as("listener %s", listener.path("name"))
                    .isEqualTo("scram-sha-512");
        }
        for (JsonNode user : ofKind(secured(), "KafkaUser")) {
            assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(name(
                    find(secured(), "Kafka", d -> true).orElseThrow()));
        }
    }

    @Test
    void eachServiceLogsInWithItsOwnKafkaUsersSecret() {
        List<JsonNode> docs = secured();
        for (String service : RenderedChartTest.SERVICES) {
            Map<String, JsonNode> env = serviceEnvironment(docs, service);
            assertThat(plainValue(env, "KAFKA_SECURITY_PROTOCOL")).as(service).isEqualTo("SASL_PLAINTEXT");
            assertThat(plainValue(env, "KAFKA_SASL_MECHANISM")).as(service).isEqualTo("SCRAM-SHA-512");
            JsonNode ref = env.get("KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef");
            assertThat(ref.path("name").asText()).as(service).isEqualTo(Chart.RELEASE + "-kafka-" + service);
            assertThat(ref.path("key").asText()).as(service).isEqualTo("sasl.jaas.config");
            assertThat(ofKind(docs, "KafkaUser")).extracting(Manifests::name).contains(ref.path("name").asText());
        }
    }

    @Test
    void anExistingClusterGetsEachServicesOwnSecretAndNoKafkaUsers() {
        List<JsonNode> docs = securedExternal();
        assertThat(ofKind(docs, "KafkaUser")).isEmpty();
        for (String service : RenderedChartTest.SERVICES) {
            Map<String, JsonNode> env = serviceEnvironment(docs, service);
            assertThat(plainValue(env, "KAFKA_SECURITY_PROTOCOL")).as(service).isEqualTo("SASL_SSL");
            String secret = env.get("KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef").path("name").asText();
            assertThat(secret).as(service).isEqualTo(service.equals("routing") ? "kafka-routing-login" : Chart.RELEASE + "-kafka-" + service);
        }
    }

    @Test
    void withoutSecurityTheClusterStaysPlaintextAndOpen() {
        List<JsonNode> docs = RenderedChartTest.defaults();
        JsonNode kafka = find(docs, "Kafka", d -> true).orElseThrow().path("spec").path("kafka");

        assertThat(ofKind(docs, "KafkaUser")).isEmpty();
        assertThat(kafka.has("authorization")).isFalse();
        assertThat(kafka.path("listeners").findValues("authentication")).isEmpty();
        assertThat(serviceEnvironment(docs, "routing")).doesNotContainKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void lintPassesWithSecurityOnBothKindsOfCluster() {
        for (String values : List.of("kafka-security", "kafka-security-external")) {
            LintResult result = Chart.lint(Chart.copyWithValues(values, Chart.testValues(values + ".yaml")));
            assertThat(result.isFailed()).as("helm lint --strict with %s: %s", values, result.getMessages()).isFalse();
        }
    }

    @Test
    void everyRenderedKafkaUserIsValidForItsCrd() {
        for (JsonNode user : ofKind(secured(), "KafkaUser")) {
            assertThat(StrictModel.problems(user)).as(name(user)).isEmpty();
        }
        assertThat(ofKind(secured(), "KafkaUser")).hasSize(RenderedChartTest.SERVICES.size());
        assertThat(StrictModel.problems(find(secured(), "Kafka", d -> true).orElseThrow())).isEmpty();
    }

    /** The ACL rules of a KafkaUser as "resource-type:pattern:name:Operation" strings. */
    static Set<String> acls(JsonNode user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
            JsonNode resource = acl.path("resource");
            for (JsonNode operation : acl.path("operations")) {
                acls.add(resource.path("type").asText() + ":" + resource.path("patternType").asText("literal") + ":"
                        + resource.path("name").asText() + ":" + operation.asText());
            }
        }
        return acls;
    }

    /** What a KafkaUser must grant for one row of the ownership table. */
    static Set<String> acls(ServiceAccess access) {
        Set<String> acls = new TreeSet<>();
        for (String topic : access.writes()) {
            acls.add("topic:literal:" + topic + ":Write");
            acls.add("topic:literal:" + topic + ":Describe");
        }
        for (String topic : access.reads()) {
            acls.add("topic:literal:" + topic + ":Read");
            acls.add("topic:literal:" + topic + ":Describe");
        }
        for (String topic : access.creates()) {
            acls.add("topic:literal:" + topic + ":Create");
        }
        for (String group : access.groupPrefixes()) {
            acls.add("group:prefix:" + group + ":Read");
        }
        for (String id : access.transactionalIdPrefixes()) {
            acls.add("transactionalId:prefix:" + id + ":Write");
            acls.add("transactionalId:prefix:" + id + ":Describe");
        }
        return acls;
    }

    private static String serviceOf(String kafkaUser) {
        return kafkaUser.substring((Chart.RELEASE + "-kafka-").length());
    }

    private static Map<String, JsonNode> serviceEnvironment(List<JsonNode> docs, String service) {
        JsonNode deployment = find(docs, "Deployment", d -> service.equals(component(d))).orElseThrow();
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        return environment(docs, container);
    }
}
