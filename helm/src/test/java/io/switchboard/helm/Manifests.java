package io.switchboard.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** YAML in and out, and small look-ups over rendered documents. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            // A key rendered twice in one mapping would silently keep the last value.
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Manifests() {
    }

    /** Every non-empty document of a multi-document YAML stream. */
    static List<JsonNode> parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !(doc.isObject() && doc.isEmpty())) {
                    documents.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String toYaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's merge of a values file over values: maps merge key by key, anything else replaces, null deletes. */
    static void merge(ObjectNode into, JsonNode over) {
        Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (field.getValue().isNull()) {
                into.remove(field.getKey());
            } else if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    static String kind(JsonNode doc) {
        return doc.path("kind").asText();
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static String id(JsonNode doc) {
        return kind(doc) + "/" + name(doc);
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(kind(d))).toList();
    }

    static Optional<JsonNode> find(List<JsonNode> docs, String kind, Predicate<JsonNode> test) {
        return ofKind(docs, kind).stream().filter(test).findFirst();
    }

    /** The app.kubernetes.io/component label of an object. */
    static String component(JsonNode doc) {
        return doc.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
    }

    /** The environment a container gets from its env list and the ConfigMaps of its envFrom. */
    static Map<String, JsonNode> environment(List<JsonNode> docs, JsonNode container) {
        Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                JsonNode cm = find(docs, "ConfigMap", d -> configMap.equals(name(d)))
                        .orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + configMap + ", which the render lacks"));
                cm.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            }
        }
        for (JsonNode var : container.path("env")) {
            env.put(var.path("name").asText(), var);
        }
        return env;
    }

    /** A plain value of the environment: a ConfigMap entry or an env entry's value; null when absent or from a secret. */
    static String plainValue(Map<String, JsonNode> env, String name) {
        JsonNode value = env.get(name);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        return value.has("value") ? value.path("value").asText() : null;
    }
}
