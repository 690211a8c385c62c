package io.switchboard.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The strict check of rendered documents. Built-in kinds are read into the fabric8 Kubernetes model with
 * unknown properties rejected: fabric8's classes keep unknown properties in an "additionalProperties" map
 * (a Jackson any-setter), so that any-setter is removed from every fabric8 class, and Jackson then fails
 * on a property the Kubernetes API does not define. The operators' custom resources are checked against
 * the JSON Schemas in crd-schemas/, which allow only the keys their CRDs define.
 */
final class StrictModel {

    /** apiVersion/kind of the built-in kinds the chart may render, and their fabric8 classes. */
    static final Map<String, Class<? extends HasMetadata>> BUILT_IN = Map.of(
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** The custom resources the chart may render: kind, and the API groups of their operators. */
    static final Map<String, String> CUSTOM = Map.of(
            "Kafka", "kafka.strimzi.io",
            "KafkaNodePool", "kafka.strimzi.io",
            "KafkaTopic", "kafka.strimzi.io",
            "KafkaUser", "kafka.strimzi.io",
            "Cluster", "postgresql.cnpg.io",
            "Database", "postgresql.cnpg.io",
            "Keycloak", "k8s.keycloak.org",
            "KeycloakRealmImport", "k8s.keycloak.org");

    private static final ObjectMapper STRICT = strictMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new LinkedHashMap<>();

    private StrictModel() {
    }

    private static ObjectMapper strictMapper() {
        SimpleModule noAnySetter = new SimpleModule("fabric8-strict");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                }
                return builder;
            }
        });
        return new ObjectMapper()
                .registerModule(noAnySetter)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /**
     * Checks one document; returns the problems found (empty when it is valid). A built-in kind is read
     * into its fabric8 class; a custom resource is validated against its schema, with its metadata read
     * into fabric8's ObjectMeta. Any other kind is a problem: nothing is rendered unchecked.
     */
    static List<String> problems(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        String kind = doc.path("kind").asText();
        String where = kind + "/" + doc.path("metadata").path("name").asText();
        Class<? extends HasMetadata> type = BUILT_IN.get(apiVersion + "/" + kind);
        try {
            if (type != null) {
                STRICT.treeToValue(doc, type);
                return List.of();
            }
            String group = CUSTOM.get(kind);
            if (group == null || !apiVersion.startsWith(group + "/")) {
                return List.of(where + ": " + apiVersion + " " + kind + " is no kind this check knows");
            }
            STRICT.treeToValue(doc.path("metadata"), ObjectMeta.class);
            Set<ValidationMessage> messages = schema(kind).validate(doc);
            return messages.stream().map(m -> where + ": " + m.getMessage()).sorted().collect(Collectors.toList());
        } catch (IOException | IllegalArgumentException e) {
            return List.of(where + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
    }

    /** The fabric8 object of a built-in document, read strictly. */
    static <T extends HasMetadata> T read(JsonNode doc, Class<T> type) {
        try {
            return STRICT.treeToValue(doc, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized JsonSchema schema(String kind) {
        return SCHEMAS.computeIfAbsent(kind, k -> {
            try (InputStream in = StrictModel.class.getResourceAsStream("/crd-schemas/" + k + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("no schema crd-schemas/" + k + ".json");
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
