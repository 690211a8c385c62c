package io.switchboard.helm;

import static io.switchboard.helm.Manifests.component;
import static io.switchboard.helm.Manifests.environment;
import static io.switchboard.helm.Manifests.id;
import static io.switchboard.helm.Manifests.name;
import static io.switchboard.helm.Manifests.ofKind;
import static io.switchboard.helm.Manifests.plainValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Topics;

/**
 * helm template with the default values, the production values and the variants, each rendered document
 * checked strictly (fabric8 model, CRD schemas), then the structure the platform needs.
 */
class RenderedChartTest {

    /** The Switchboard services of the chart (the values map's keys). */
    static final Set<String> SERVICES = Set.of("routing", "chat-channel", "agent-desktop", "email-channel", "customer360",
            "voice-gateway", "admin-console", "sms-channel", "social-channel", "reporting", "campaigns", "fax-channel");
    /** The services that scale on CPU; routing scales by routing domain, the voice gateway and reporting not at all. */
    static final Set<String> STATELESS = Set.of("chat-channel", "email-channel", "agent-desktop", "customer360", "admin-console",
            "sms-channel", "social-channel");
    static final Set<String> WITH_DATABASE = Set.of("routing", "chat-channel", "agent-desktop", "email-channel", "customer360",
            "admin-console", "sms-channel", "social-channel", "reporting", "campaigns", "fax-channel");

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|JAAS).*");

    static Stream<Arguments> renders() {
        return Stream.of(
                Arguments.of("default", Chart.render("default")),
                Arguments.of("production", Chart.render("production", Chart.productionValues())),
                Arguments.of("variants", Chart.render("variants", Chart.testValues("variants.yaml"))));
    }

    static List<JsonNode> defaults() {
        return Chart.render("default");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDocumentIsValidForItsKind(String render, List<JsonNode> docs) {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            problems.addAll(StrictModel.problems(doc));
        }

        assertThat(docs).as("documents of the %s render", render).hasSizeGreaterThan(20);
        assertThat(problems).as("%s render", render).isEmpty();
        assertThat(Files.exists(Chart.renderedDir().resolve(render + ".yaml"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void objectNamesAreUniquePerKind(String render, List<JsonNode> docs) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = docs.stream().map(Manifests::id).filter(n -> !seen.add(n)).toList();

        assertThat(duplicates).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceHasItsObjects(String render, List<JsonNode> docs) {
        for (String service : SERVICES) {
            for (String kind : List.of("Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget")) {
                assertThat(ofKind(docs, kind)).as("%s of %s", kind, service).anyMatch(d -> service.equals(component(d)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentHasProbesResourcesAndARestrictedSecurityContext(String render, List<JsonNode> docs) {
        for (JsonNode deployment : ofKind(docs, "Deployment")) {
            String what = id(deployment);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as("%s pod runAsNonRoot", what).isTrue();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as(what).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("%s mounts no API token", what).isFalse();
            assertThat(pod.path("topologySpreadConstraints")).as("%s topology spread", what).isNotEmpty();
            for (JsonNode spread : pod.path("topologySpreadConstraints")) {
                assertThat(selects(spread.path("labelSelector").path("matchLabels"), deployment))
                        .as("%s spreads its own pods", what).isTrue();
            }
            Map<String, String> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v.has("emptyDir") ? "emptyDir" : "other"));
            for (JsonNode container : pod.path("containers")) {
                String c = what + " container " + container.path("name").asText();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(container.path(probe).path("httpGet").isObject()).as("%s %s", c, probe).isTrue();
                }
                List<String> envNames = new ArrayList<>();
                container.path("env").forEach(e -> envNames.add(e.path("name").asText()));
                assertThat(envNames).as("%s sets each variable once", c).doesNotHaveDuplicates();
                if (SERVICES.contains(component(deployment))) {
                    assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
                    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
                    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        assertThat(container.path(probe).path("httpGet").path("port").asText()).as("%s %s port", c, probe).isEqualTo("http");
                    }
                    assertThat(deployment.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/path").asText())
                            .as("%s metrics path", what).isIn("/q/metrics", "");
                }
                JsonNode resources = container.path("resources");
                assertThat(resources.path("requests").path("cpu").isMissingNode()).as("%s cpu request", c).isFalse();
                assertThat(resources.path("requests").path("memory").isMissingNode()).as("%s memory request", c).isFalse();
                assertThat(resources.path("limits").path("memory").isMissingNode()).as("%s memory limit", c).isFalse();
                JsonNode security = container.path("securityContext");
                assertThat(security.path("runAsNonRoot").asBoolean()).as("%s runAsNonRoot", c).isTrue();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as("%s readOnlyRootFilesystem", c).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("%s allowPrivilegeEscalation", c).isFalse();
                assertThat(security.path("capabilities").path("drop").toString()).as("%s drops capabilities", c).isEqualTo("[\"ALL\"]");
                assertThat(security.path("capabilities").path("add").isMissingNode()).as("%s adds none", c).isTrue();
                assertThat(security.path("seccompProfile").path("type").asText()).as(c).isEqualTo("RuntimeDefault");
                boolean tmp = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (mount.path("mountPath").asText().equals("/tmp")) {
                        tmp = "emptyDir".equals(volumes.get(mount.path("name").asText()));
                    }
                }
                assertThat(tmp).as("%s has an emptyDir at /tmp", c).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceSelectsThePodsOfADeploymentOnDeclaredPorts(String render, List<JsonNode> docs) {
        for (JsonNode service : ofKind(docs, "Service")) {
            JsonNode selector = service.path("spec").path("selector");
            assertThat(selector.isEmpty()).as("%s has a selector", id(service)).isFalse();
            List<JsonNode> selected = ofKind(docs, "Deployment").stream().filter(d -> selects(selector, d)).toList();
            assertThat(selected).as("Deployments whose pods %s selects", id(service)).hasSize(1);
            JsonNode container = selected.get(0).path("spec").path("template").path("spec").path("containers").get(0);
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort");
                String protocol = port.path("protocol").asText("TCP");
                boolean declared = false;
                for (JsonNode cp : container.path("ports")) {
                    boolean sameProtocol = cp.path("protocol").asText("TCP").equals(protocol);
                    boolean same = target.isInt() || target.asText().matches("\\d+")
                            ? cp.path("containerPort").asInt() == target.asInt(Integer.parseInt(target.asText()))
                            : cp.path("name").asText().equals(target.asText());
                    declared |= same && sameProtocol;
                }
                assertThat(declared).as("%s port %s targets a declared %s container port", id(service), port.path("name").asText(), protocol)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentHasADisruptionBudgetForItsPods(String render, List<JsonNode> docs) {
        for (JsonNode deployment : ofKind(docs, "Deployment")) {
            if (!SERVICES.contains(component(deployment))) {
                continue;
            }
            assertThat(ofKind(docs, "PodDisruptionBudget"))
                    .as("PodDisruptionBudget of %s", id(deployment))
                    .anyMatch(pdb -> selects(pdb.path("spec").path("selector").path("matchLabels"), deployment));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void onlyTheStatelessServicesHaveAnAutoscaler(String render, List<JsonNode> docs) {
        Set<String> scaled = new TreeSet<>();
        for (JsonNode hpa : ofKind(docs, "HorizontalPodAutoscaler")) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            JsonNode deployment = Manifests.find(docs, "Deployment", d -> name(d).equals(target.path("name").asText()))
                    .orElseThrow(() -> new AssertionError(id(hpa) + " scales a Deployment the render lacks"));
            scaled.add(component(deployment));
            assertThat(deployment.path("spec").has("replicas"))
                    .as("%s leaves replicas to its HPA", id(deployment)).isFalse();
            assertThat(hpa.path("spec").path("metrics").get(0).path("resource").path("name").asText()).isEqualTo("cpu");
        }

        assertThat(scaled).containsExactlyInAnyOrderElementsOf(STATELESS);
        assertThat(scaled).doesNotContain("routing", "voice-gateway");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void noSecretIsRenderedAndSecretSettingsComeFromSecretReferences(String render, List<JsonNode> docs) {
        assertThat(ofKind(docs, "Secret")).as("Secret objects (the chart only references existing ones)").isEmpty();
        for (JsonNode cm : ofKind(docs, "ConfigMap")) {
            cm.path("data").fieldNames().forEachRemaining(key ->
                    assertThat(SECRET_NAME.matcher(key).matches()).as("%s holds %s, a secret setting", id(cm), key).isFalse());
        }
        for (JsonNode deployment : ofKind(docs, "Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (SECRET_NAME.matcher(env.path("name").asText()).matches()) {
                        assertThat(env.has("value")).as("%s sets %s literally", id(deployment), env.path("name").asText()).isFalse();
                        assertThat(env.path("valueFrom").path("secretKeyRef").path("name").asText())
                                .as("%s %s from a Secret", id(deployment), env.path("name").asText()).isNotBlank();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void servicesGetTheirPlatformSettings(String render, List<JsonNode> docs) {
        for (String service : SERVICES) {
            JsonNode deployment = Manifests.find(docs, "Deployment", d -> service.equals(component(d))).orElseThrow();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, JsonNode> env = environment(docs, container);
            String what = id(deployment);

            assertThat(plainValue(env, "KAFKA_BOOTSTRAP_SERVERS")).as("%s Kafka", what).isNotBlank();
            assertThat(String.valueOf(containerPort(container, "http"))).as("%s listens where its container port is", what)
                    .isEqualTo(plainValue(env, "QUARKUS_HTTP_PORT"));
            assertThat(deployment.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/port").asText(null))
                    .as("%s metrics port", what).isIn(plainValue(env, "QUARKUS_HTTP_PORT"), null);
            if (service.equals("email-channel")) {
                assertThat(String.valueOf(containerPort(container, "smtp"))).isEqualTo(plainValue(env, "SWITCHBOARD_EMAIL_SMTP_PORT"));
            }
            if (service.equals("reporting")) {
                // Scheduled reports leave through the relay, from the configured sender.
                assertThat(plainValue(env, "SWITCHBOARD_REPORTING_RELAY_HOST")).as("%s relay", what).isNotBlank();
                assertThat(plainValue(env, "SWITCHBOARD_REPORTING_SCHEDULES_FROM")).as("%s sender", what).contains("@");
            }
            if (service.equals("voice-gateway")) {
                assertThat(String.valueOf(containerPort(container, "sip-udp"))).isEqualTo(plainValue(env, "SWITCHBOARD_VOICE_SIP_PORT"));
                assertThat(String.valueOf(containerPort(container, "sip-tcp"))).isEqualTo(plainValue(env, "SWITCHBOARD_VOICE_SIP_PORT"));
            }
            assertThat(container.path("image").asText()).as("%s image follows the project version", what)
                    .endsWith("/" + service + ":" + System.getProperty("project.version"));
            if (WITH_DATABASE.contains(service)) {
                assertThat(plainValue(env, "QUARKUS_DATASOURCE_JDBC_URL")).as("%s database", what)
                        .startsWith("jdbc:postgresql://").contains("/switchboard?sslmode=");
                assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").path("valueFrom").path("secretKeyRef").isObject()).isTrue();
                assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef").isObject()).isTrue();
                assertThat(plainValue(env, "QUARKUS_OIDC_AUTH_SERVER_URL")).as("%s realm", what).endsWith("/realms/switchboard");
                assertThat(plainValue(env, "QUARKUS_OIDC_TOKEN_ISSUER")).as("%s issuer", what).startsWith("https://")
                        .endsWith("/realms/switchboard");
            } else {
                assertThat(env).as("%s has no database", what).doesNotContainKey("QUARKUS_DATASOURCE_JDBC_URL");
            }
            if (service.equals("customer360") || service.equals("reporting")) {
                assertThat(plainValue(env, "QUARKUS_DATASOURCE_REACTIVE_URL")).startsWith("postgresql://").endsWith("/switchboard");
            }
            if (service.equals("admin-console")) {
                assertThat(env.get("SWITCHBOARD_ADMIN_KEYCLOAK_CLIENT_SECRET").path("valueFrom").path("secretKeyRef").isObject()).isTrue();
                assertThat(plainValue(env, "QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL")).startsWith("http");
            }
            if (service.equals("chat-channel")) {
                assertThat(env.get("SWITCHBOARD_CHAT_TOKEN_SECRET").path("valueFrom").path("secretKeyRef").isObject()).isTrue();
            }
            if (service.equals("sms-channel")) {
                for (String secret : List.of("SWITCHBOARD_SMS_TWILIO_ACCOUNT_SID", "SWITCHBOARD_SMS_TWILIO_AUTH_TOKEN")) {
                    assertThat(env.get(secret).path("valueFrom").path("secretKeyRef").isObject()).as("%s %s", what, secret).isTrue();
                }
                assertThat(plainValue(env, "SWITCHBOARD_SMS_PUBLIC_URL")).as("%s signs over its public URL", what).startsWith("https://");
                if (render.equals("variants")) {
                    assertThat(plainValue(env, "SWITCHBOARD_SMS_VONAGE_NUMBERS")).isEqualTo("+447700100200");
                    for (String secret : List.of("SWITCHBOARD_SMS_VONAGE_API_KEY", "SWITCHBOARD_SMS_VONAGE_API_SECRET",
                            "SWITCHBOARD_SMS_VONAGE_SIGNATURE_SECRET", "SWITCHBOARD_SMS_SMPP__CARRIER__PASSWORD")) {
                        assertThat(env.get(secret).path("valueFrom").path("secretKeyRef").isObject()).as("%s %s", what, secret).isTrue();
                    }
                }
            }
            if (service.equals("fax-channel")) {
                for (String secret : List.of("SWITCHBOARD_FAX_TWILIO_ACCOUNT_SID", "SWITCHBOARD_FAX_TWILIO_AUTH_TOKEN")) {
                    assertThat(env.get(secret).path("valueFrom").path("secretKeyRef").isObject()).as("%s %s", what, secret).isTrue();
                }
                assertThat(plainValue(env, "SWITCHBOARD_FAX_PUBLIC_URL")).as("%s signs over its public URL", what).startsWith("https://");
                assertThat(plainValue(env, "SWITCHBOARD_FAX_TWILIO_MEDIA_HOSTS")).as("%s fetches documents from", what)
                        .isEqualTo("api.twilio.com,media.twiliocdn.com");
            }
            if (service.equals("social-channel")) {
                for (String secret : List.of("SWITCHBOARD_SOCIAL_META_APP_SECRET", "SWITCHBOARD_SOCIAL_META_VERIFY_TOKEN",
                        "SWITCHBOARD_SOCIAL_META_ACCESS_TOKEN")) {
                    assertThat(env.get(secret).path("valueFrom").path("secretKeyRef").isObject()).as("%s %s", what, secret).isTrue();
                }
                assertThat(plainValue(env, "SWITCHBOARD_SOCIAL_PUBLIC_URL")).startsWith("https://");
            }
            if (service.equals("agent-desktop")) {
                assertThat(plainValue(env, "SWITCHBOARD_DESKTOP_SMS_CHANNEL_URL")).as("the inbox asks the SMS channel").contains("sms-channel:8087");
                assertThat(plainValue(env, "SWITCHBOARD_DESKTOP_SOCIAL_CHANNEL_URL")).contains("social-channel:8088");
                assertThat(plainValue(env, "SWITCHBOARD_DESKTOP_REPORTING_URL")).contains("reporting:8091");
                assertThat(plainValue(env, "SWITCHBOARD_DESKTOP_CAMPAIGNS_URL")).contains("campaigns:8092");
                assertThat(plainValue(env, "SWITCHBOARD_DESKTOP_FAX_CHANNEL_URL")).contains("fax-channel:8093");
            }
        }
    }

    /** Routing's own Kafka clients take the channels' connection settings, so it reaches a secured cluster as they do. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void routingConnectsToKafkaLikeEveryOtherService(String render, List<JsonNode> docs) {
        java.util.function.Function<String, Map<String, String>> kafkaEnv = service -> {
            JsonNode deployment = Manifests.find(docs, "Deployment", d -> service.equals(component(d))).orElseThrow();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, String> kafka = new java.util.TreeMap<>();
            environment(docs, container).forEach((name, value) -> {
                if (name.startsWith("KAFKA_")) {
                    kafka.put(name, value.toString());
                }
            });
            return kafka;
        };
        assertThat(kafkaEnv.apply("routing")).as(render).isEqualTo(kafkaEnv.apply("chat-channel")).containsKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everySwitchboardVariableIsASettingTheServiceHas(String render, List<JsonNode> docs) {
        for (String service : SERVICES) {
            ConfigKeys keys = ConfigKeys.of(Chart.repoRoot(), service);
            if (keys.isEmpty()) {
                continue; // a service still being written has no settings to check against yet
            }
            JsonNode deployment = Manifests.find(docs, "Deployment", d -> service.equals(component(d))).orElseThrow();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            for (String variable : environment(docs, container).keySet()) {
                if (variable.startsWith("SWITCHBOARD_") && !variable.startsWith("SWITCHBOARD_VOICE_PHONES_")) {
                    assertThat(keys.knows(variable)).as("%s sets %s, which no setting of %s matches", id(deployment), variable,
                            keys.sources()).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void ingressesServeTheWebEntryPointsOverTls(String render, List<JsonNode> docs) {
        Set<String> backends = new TreeSet<>();
        for (JsonNode ingress : ofKind(docs, "Ingress")) {
            Set<String> tlsHosts = new HashSet<>();
            ingress.path("spec").path("tls").forEach(t -> {
                assertThat(t.path("secretName").asText()).as("%s TLS secret", id(ingress)).isNotBlank();
                t.path("hosts").forEach(h -> tlsHosts.add(h.asText()));
            });
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                assertThat(tlsHosts).as("%s serves %s over TLS", id(ingress), rule.path("host").asText()).contains(rule.path("host").asText());
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    JsonNode service = Manifests.find(docs, "Service", s -> name(s).equals(backend.path("name").asText()))
                            .orElseThrow(() -> new AssertionError(id(ingress) + " routes to a Service the render lacks"));
                    boolean port = false;
                    for (JsonNode p : service.path("spec").path("ports")) {
                        port |= p.path("name").asText().equals(backend.path("port").path("name").asText());
                    }
                    assertThat(port).as("%s routes to a port %s has", id(ingress), id(service)).isTrue();
                    backends.add(component(service));
                }
            }
        }

        assertThat(backends).contains("agent-desktop", "admin-console", "chat-channel", "email-channel", "sms-channel", "social-channel");
    }

    @Test
    void everyTopicOfTheEventContractHasAKafkaTopic() {
        List<JsonNode> docs = defaults();
        JsonNode kafka = Manifests.find(docs, "Kafka", d -> true).orElseThrow();
        List<JsonNode> topics = ofKind(docs, "KafkaTopic");

        for (Topics.TopicSpec spec : Topics.all()) {
            JsonNode topic = topics.stream().filter(t -> spec.name().equals(t.path("spec").path("topicName").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaTopic for " + spec.name()));
            assertThat(topic.path("spec").path("partitions").asInt()).as("%s partitions", spec.name()).isEqualTo(spec.partitions());
            assertThat(topic.path("spec").path("replicas").asInt()).as("%s replicas", spec.name()).isGreaterThanOrEqualTo(1);
            assertThat(topic.path("spec").path("config").path("cleanup.policy").asText()).as("%s clean-up", spec.name())
                    .isEqualTo(spec.compacted() ? "compact" : "delete");
            if (!spec.compacted()) {
                assertThat(topic.path("spec").path("config").path("retention.ms").asLong()).as("%s retention", spec.name()).isPositive();
            }
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(name(kafka));
        }
        assertThat(topics).as("only the contract's topics and routing's commands topic")
                .hasSize(Topics.all().size() + 1);
    }

    @Test
    void routingsCommandsTopicHasThePartitionsRoutingIsConfiguredWith() {
        List<JsonNode> docs = defaults();
        JsonNode routing = Manifests.find(docs, "Deployment", d -> "routing".equals(component(d))).orElseThrow();
        Map<String, JsonNode> env = environment(docs, routing.path("spec").path("template").path("spec").path("containers").get(0));
        JsonNode commands = Manifests.find(docs, "KafkaTopic", t -> t.path("spec").path("topicName").asText().equals("switchboard.routing.commands.v1"))
                .orElseThrow();

        assertThat(commands.path("spec").path("partitions").asText()).isEqualTo(plainValue(env, "SWITCHBOARD_ROUTING_COMMAND_PARTITIONS"));
        assertThat(routing.path("spec").path("replicas").asInt()).isLessThanOrEqualTo(commands.path("spec").path("partitions").asInt());
    }

    @Test
    void strimziRunsKraftWithANodePool() {
        List<JsonNode> docs = defaults();
        JsonNode kafka = Manifests.find(docs, "Kafka", d -> true).orElseThrow();
        JsonNode pool = Manifests.find(docs, "KafkaNodePool", d -> true).orElseThrow();

        assertThat(kafka.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(name(kafka));
        assertThat(pool.path("spec").path("roles").toString()).contains("controller", "broker");
        assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true)).isFalse();
    }

    @Test
    void theVoiceGatewayUsesTheNodesNetworkByDefault() {
        List<JsonNode> docs = defaults();
        JsonNode voice = Manifests.find(docs, "Deployment", d -> "voice-gateway".equals(component(d))).orElseThrow();
        JsonNode pod = voice.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        List<String> ports = new ArrayList<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt() + "/" + p.path("protocol").asText()));
        Map<String, JsonNode> env = environment(docs, container);

        assertThat(pod.path("hostNetwork").asBoolean()).isTrue();
        assertThat(pod.path("dnsPolicy").asText()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(voice.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(voice.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
        assertThat(ports).contains("5080/UDP", "5080/TCP", "20000/UDP", "20998/UDP").doesNotContain("20001/UDP", "21000/UDP");
        assertThat(ports.stream().filter(p -> p.endsWith("/UDP") && !p.startsWith("5080"))).hasSize(500);
        assertThat(plainValue(env, "SWITCHBOARD_VOICE_SIP_PORT")).isEqualTo("5080");
        assertThat(plainValue(env, "SWITCHBOARD_VOICE_MEDIA_PORT_MIN")).isEqualTo("20000");
        assertThat(plainValue(env, "SWITCHBOARD_VOICE_MEDIA_PORT_MAX")).isEqualTo("20999");
        assertThat(env.get("SWITCHBOARD_VOICE_MEDIA_HOST").path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("status.podIP");
        assertThat(env).as("with the node's network the bound address is the advertised one").doesNotContainKey("SWITCHBOARD_VOICE_SIP_ADVERTISED_HOST");
        assertThat(ofKind(docs, "Service")).noneMatch(s -> "voice-gateway".equals(component(s))
                && s.path("spec").path("type").asText().equals("LoadBalancer"));
    }

    @Test
    void theVoiceGatewayCanSitBehindALoadBalancerThatKeepsTheCallersAddress() {
        List<JsonNode> docs = Chart.render("variants", Chart.testValues("variants.yaml"));
        JsonNode voice = Manifests.find(docs, "Deployment", d -> "voice-gateway".equals(component(d))).orElseThrow();
        JsonNode lb = Manifests.find(docs, "Service", s -> "voice-gateway".equals(component(s))
                && s.path("spec").path("type").asText().equals("LoadBalancer")).orElseThrow();
        List<String> ports = new ArrayList<>();
        lb.path("spec").path("ports").forEach(p -> ports.add(p.path("port").asInt() + "/" + p.path("protocol").asText()));

        assertThat(voice.path("spec").path("template").path("spec").path("hostNetwork").asBoolean(false)).isFalse();
        assertThat(lb.path("spec").path("externalTrafficPolicy").asText()).isEqualTo("Local");
        assertThat(ports).contains("5080/UDP", "5080/TCP", "20002/UDP", "20100/UDP").doesNotContain("20001/UDP", "20003/UDP");
        assertThat(ports).hasSize(2 + 50);
        Map<String, JsonNode> env = environment(docs, voice.path("spec").path("template").path("spec").path("containers").get(0));
        assertThat(plainValue(env, "SWITCHBOARD_VOICE_SIP_ADVERTISED_HOST")).as("SIP and SDP name the load balancer")
                .isEqualTo("198.51.100.7");
        assertThat(env.get("SWITCHBOARD_VOICE_MEDIA_HOST").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .as("media still binds the pod's address").isEqualTo("status.podIP");
    }

    @Test
    void theRealmImportHoldsNoPasswordAndNoClientSecretUnlessTheDemoIsAskedFor() throws Exception {
        JsonNode defaultImport = Manifests.find(defaults(), "KeycloakRealmImport", d -> true).orElseThrow();
        JsonNode defaultRealm = defaultImport.path("spec").path("realm");
        JsonNode demoRealm = Manifests.find(Chart.render("variants", Chart.testValues("variants.yaml")), "KeycloakRealmImport", d -> true)
                .orElseThrow().path("spec").path("realm");
        List<JsonNode> production = Chart.render("production", Chart.productionValues());

        for (JsonNode user : defaultRealm.path("users")) {
            assertThat(user.has("credentials")).as("user %s with credentials in the default realm import", user.path("username").asText())
                    .isFalse();
            assertThat(user.path("serviceAccountClientId").asText()).as("only service accounts without the demo").isNotBlank();
        }
        assertThat(demoRealm.path("users").findValues("credentials")).as("the demo users").isNotEmpty();
        assertThat(defaultRealm.path("passwordPolicy").asText()).as("the production password policy").contains("length(12)");
        assertThat(demoRealm.path("passwordPolicy").asText()).as("no policy the demo passwords would break").isEmpty();
        assertThat(defaultRealm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(ofKind(production, "KeycloakRealmImport")).as("production uses its own Keycloak").isEmpty();
        for (String render : List.of("default", "production", "variants")) {
            String yaml = Files.readString(Chart.renderedDir().resolve(render + ".yaml"));
            assertThat(yaml).as("the local client secret of deploy/keycloak in the %s render", render).doesNotContain("local-admin-console-secret");
        }

        JsonNode desktop = client(defaultRealm, "switchboard-desktop");
        JsonNode console = client(defaultRealm, "switchboard-admin-console");
        assertThat(desktop.path("directAccessGrantsEnabled").asBoolean()).as("the browser client: code + PKCE only").isFalse();
        assertThat(desktop.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(desktop.path("redirectUris").toString()).contains("https://inbox.switchboard.example/*", "https://console.switchboard.example/*");
        assertThat(console.path("secret").asText()).isEqualTo("${SWITCHBOARD_ADMIN_CONSOLE_CLIENT_SECRET}");
        JsonNode placeholder = defaultImport.path("spec").path("placeholders").path("SWITCHBOARD_ADMIN_CONSOLE_CLIENT_SECRET").path("secret");
        JsonNode adminConsole = Manifests.find(defaults(), "Deployment", d -> "admin-console".equals(component(d))).orElseThrow();
        JsonNode consoleEnv = environment(defaults(), adminConsole.path("spec").path("template").path("spec").path("containers").get(0))
                .get("SWITCHBOARD_ADMIN_KEYCLOAK_CLIENT_SECRET").path("valueFrom").path("secretKeyRef");
        assertThat(placeholder).as("Keycloak gets the client secret the console reads").isEqualTo(consoleEnv);
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm import");
    }

    @Test
    void theChartsRealmIsTheProjectsRealm() throws Exception {
        JsonNode project = Manifests.YAML.readTree(Files.readString(Chart.repoRoot().resolve("deploy/keycloak/switchboard-realm.json")));
        JsonNode localOverlay = Manifests.YAML.readTree(Files.readString(Chart.repoRoot().resolve("deploy/keycloak/local-overlay.json")));
        JsonNode chartRealm = Manifests.YAML.readTree(Files.readString(Chart.dir().resolve("files/realm/switchboard-realm.json")));
        JsonNode chartUsers = Manifests.YAML.readTree(Files.readString(Chart.dir().resolve("files/realm/demo-users.json")));

        assertThat(chartRealm).as("helm/switchboard/files/realm/switchboard-realm.json = deploy/keycloak's production realm")
                .isEqualTo(project);
        assertThat(chartUsers).as("files/realm/demo-users.json = the users of deploy/keycloak's local overlay")
                .isEqualTo(localOverlay.path("users"));
        assertThat(chartRealm.toString()).doesNotContain("\"credentials\"").doesNotContain("\"secret\"");
        chartRealm.path("users").forEach(u -> assertThat(u.path("serviceAccountClientId").asText()).isNotBlank());
    }

    /** Without a Secret of its own a service falls back to the shared one: CloudNativePG's <cluster>-app by default. */
    @Test
    void servicesShareTheDatabaseSecretUnlessTheyNameTheirOwn() {
        List<JsonNode> docs = Chart.render("default");
        for (String service : WITH_DATABASE) {
            JsonNode deployment = Manifests.find(docs, "Deployment", d -> service.equals(component(d))).orElseThrow();
            Map<String, JsonNode> env = environment(docs, deployment.path("spec").path("template").path("spec").path("containers").get(0));
            JsonNode username = env.get("QUARKUS_DATASOURCE_USERNAME").path("valueFrom").path("secretKeyRef");
            assertThat(username.path("name").asText()).as(service).isEqualTo("switchboard-pg-app");
            assertThat(username.path("key").asText()).as(service).isEqualTo("username");
        }
        List<JsonNode> variants = Chart.render("variants", Chart.testValues("variants.yaml"));
        JsonNode routing = Manifests.find(variants, "Deployment", d -> "routing".equals(component(d))).orElseThrow();
        Map<String, JsonNode> env = environment(variants, routing.path("spec").path("template").path("spec").path("containers").get(0));
        assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").path("valueFrom").path("secretKeyRef").toString())
                .isEqualTo("{\"name\":\"switchboard-db-routing\",\"key\":\"user\"}");
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef").toString())
                .isEqualTo("{\"name\":\"switchboard-db-routing\",\"key\":\"pass\"}");
    }

    /** The services do not read Keycloak's discovery document, so the issuer they expect is always set. */
    @Test
    void anExternalKeycloaksIssuerIsWhereBrowsersSignInUnlessNamed() {
        List<JsonNode> docs = Chart.render("keycloak-external", Chart.testValues("keycloak-external.yaml"));
        for (String service : WITH_DATABASE) {
            JsonNode deployment = Manifests.find(docs, "Deployment", d -> service.equals(component(d))).orElseThrow();
            Map<String, JsonNode> env = environment(docs, deployment.path("spec").path("template").path("spec").path("containers").get(0));
            assertThat(plainValue(env, "QUARKUS_OIDC_AUTH_SERVER_URL")).as(service).isEqualTo("http://keycloak.identity:8080/realms/switchboard");
            assertThat(plainValue(env, "QUARKUS_OIDC_TOKEN_ISSUER")).as(service).isEqualTo("https://sso.example.net/realms/switchboard");
        }
    }

    @Test
    void productionUsesTheExternalPlatformParts() {
        List<JsonNode> docs = Chart.render("production", Chart.productionValues());
        JsonNode chat = Manifests.find(docs, "Deployment", d -> "chat-channel".equals(component(d))).orElseThrow();
        Map<String, JsonNode> env = environment(docs, chat.path("spec").path("template").path("spec").path("containers").get(0));

        for (String kind : List.of("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "Database", "Keycloak", "KeycloakRealmImport")) {
            assertThat(ofKind(docs, kind)).as("%s in production", kind).isEmpty();
        }
        assertThat(plainValue(env, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef").path("name").asText()).isEqualTo("switchboard-kafka");
        assertThat(plainValue(env, "QUARKUS_DATASOURCE_JDBC_URL")).endsWith("sslmode=verify-full&sslrootcert=/etc/switchboard/pg-ca/ca.crt");
        for (String service : WITH_DATABASE) {
            JsonNode deployment = Manifests.find(docs, "Deployment", d -> service.equals(component(d))).orElseThrow();
            Map<String, JsonNode> serviceEnv = environment(docs, deployment.path("spec").path("template").path("spec").path("containers").get(0));
            for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                assertThat(serviceEnv.get(variable).path("valueFrom").path("secretKeyRef").path("name").asText())
                        .as("%s: %s from the service's own role's Secret", service, variable).isEqualTo("switchboard-db-" + service);
            }
        }
        assertThat(chat.path("spec").path("template").path("spec").path("containers").get(0).path("volumeMounts").toString())
                .contains("/etc/switchboard/pg-ca");
        assertThat(plainValue(env, "QUARKUS_OIDC_TOKEN_ISSUER")).isEqualTo("https://auth.contact.example.com/realms/switchboard");
        assertThat(ofKind(docs, "Deployment")).anyMatch(d -> "otel-collector".equals(component(d)));
        assertThat(plainValue(env, "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).contains("otel-collector:4317");
    }

    @Test
    void renderedFilesAreWrittenForReview() {
        defaults();
        Chart.render("production", Chart.productionValues());

        assertThat(Chart.renderedDir().resolve("default.yaml")).isRegularFile();
        assertThat(Chart.renderedDir().resolve("production.yaml")).isRegularFile();
    }

    /** The number of a named container port; fails when the container has none of that name. */
    static int containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port named " + name);
    }

    /** Whether every label of a selector is on the pod template of a Deployment. */
    static boolean selects(JsonNode selector, JsonNode deployment) {
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        if (selector.isEmpty()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
