package io.switchboard.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The strict checks themselves: each one refuses a document with one mistake in it. */
class StrictModelTest {

    private static JsonNode yaml(String text) {
        List<JsonNode> docs = Manifests.parse(text);
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: probe
            spec:
              selector:
                matchLabels: {app: probe}
              template:
                metadata:
                  labels: {app: probe}
                spec:
                  containers:
                    - name: probe
                      image: registry.example.com/probe:1
                      %s
            """;

    @Test
    void aValidDeploymentPasses() {
        assertThat(StrictModel.problems(yaml(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent")))).isEmpty();
    }

    @Test
    void aMisspeltFieldDeepInADeploymentIsRefused() {
        List<String> problems = StrictModel.problems(yaml(DEPLOYMENT.formatted("imagePullPolicyy: IfNotPresent")));

        assertThat(problems).singleElement().asString().contains("imagePullPolicyy");
    }

    @Test
    void aFieldOfAnotherKindIsRefused() {
        // "ports" belongs to a container, not to the pod spec's securityContext.
        String doc = DEPLOYMENT.formatted("securityContext: {runAsNonRoot: true, ports: []}");

        assertThat(StrictModel.problems(yaml(doc))).singleElement().asString().contains("ports");
    }

    @Test
    void aMisspeltMetadataFieldOfACustomResourceIsRefused() {
        JsonNode topic = yaml("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: t
                  label: {strimzi.io/cluster: k}
                spec:
                  partitions: 3
                  replicas: 3
                """);

        assertThat(StrictModel.problems(topic)).singleElement().asString().contains("label");
    }

    @Test
    void aKeyTheCrdDoesNotDefineIsRefused() {
        JsonNode topic = yaml("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: t
                spec:
                  partitions: 3
                  replication: 3
                """);

        assertThat(StrictModel.problems(topic)).isNotEmpty().anyMatch(p -> p.contains("replication"));
    }

    @Test
    void aKafkaWithoutListenersIsRefused() {
        JsonNode kafka = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata:
                  name: k
                spec:
                  kafka:
                    config: {}
                  zookeeper:
                    replicas: 3
                """);

        assertThat(StrictModel.problems(kafka)).anyMatch(p -> p.contains("listeners")).anyMatch(p -> p.contains("zookeeper"));
    }

    @Test
    void aKindNobodyChecksIsRefused() {
        JsonNode job = yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: j
                spec: {}
                """);

        assertThat(StrictModel.problems(job)).singleElement().asString().contains("no kind this check knows");
    }

    @Test
    void aKeycloakOptionOfAnotherOperatorVersionIsRefused() {
        JsonNode keycloak = yaml("""
                apiVersion: k8s.keycloak.org/v2beta1
                kind: Keycloak
                metadata:
                  name: kc
                spec:
                  instances: 1
                  hostname:
                    hostname: https://auth.example.com
                    strictHttps: true
                """);

        assertThat(StrictModel.problems(keycloak)).anyMatch(p -> p.contains("strictHttps"));
    }

    @Test
    void configKeysKnowTheRealSettingsOfAService() {
        ConfigKeys routing = ConfigKeys.of(Chart.repoRoot(), "routing");
        ConfigKeys email = ConfigKeys.of(Chart.repoRoot(), "email-channel");

        assertThat(routing.knows("SWITCHBOARD_ROUTING_SESSION_TIMEOUT")).isTrue();
        assertThat(routing.knows("SWITCHBOARD_ROUTING_COMMAND_PARTITIONS")).isTrue();
        assertThat(routing.knows("SWITCHBOARD_ROUTING_SESION_TIMEOUT")).isFalse();
        assertThat(email.knows("SWITCHBOARD_EMAIL_SMTP_TLS_KEY_STORE_PASSWORD")).isTrue();
        assertThat(email.knows("SWITCHBOARD_EMAIL_IMAP_SUPPORT_HOST")).as("a map key of a nested mapping").isTrue();
        assertThat(email.knows("SWITCHBOARD_EMAIL_SMTP_TLS_TRUST_STORE")).isFalse();
    }
}
