package io.switchboard.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;

/** helm lint --strict with the default and the production values, and the schema refusing misspelt keys. */
class ChartLintTest {

    @Test
    void lintPassesWithTheDefaultValues() {
        LintResult result = Chart.lint(Chart.dir());

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintPassesWithTheProductionValues() {
        LintResult result = Chart.lint(Chart.copyWithValues("production", Chart.productionValues()));

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintFailsOnAMisspeltKeyInsideTheServicesMap() {
        LintResult result = Chart.lint(Chart.copyWithValues("misspelt-service-key", Chart.testValues("misspelt-service-key.yaml")));

        assertThat(result.isFailed()).as("lint of values with services.routing.replicaz").isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicaz");
    }

    @Test
    void lintFailsOnAMisspeltTopLevelKey() {
        LintResult result = Chart.lint(Chart.copyWithValues("misspelt-top-level-key", Chart.testValues("misspelt-top-level-key.yaml")));

        assertThat(result.isFailed()).as("lint of values with a top-level 'ingres'").isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("ingres");
    }

    @Test
    void templateRefusesAMisspeltKeyInAnExtraValuesFile() {
        assertThatThrownBy(() -> Chart.template(Chart.testValues("misspelt-service-key.yaml")))
                .hasMessageContaining("replicaz");
    }

    @Test
    void templateRefusesMoreRoutingInstancesThanCommandPartitions() {
        assertThatThrownBy(() -> Chart.template(Chart.testValues("routing-more-replicas-than-partitions.yaml")))
                .hasMessageContaining("commandPartitions");
    }

    @Test
    void everyValuesObjectOfTheSchemaRefusesUnknownKeys() throws Exception {
        JsonNode schema = Manifests.YAML.readTree(Files.readString(Chart.dir().resolve("values.schema.json")));

        assertClosed(schema, "#", schema);
    }

    /** Every object schema with named properties (values objects, not free-form maps) refuses other keys. */
    private static void assertClosed(JsonNode schema, String where, JsonNode root) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("properties")) {
            assertThat(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean())
                    .as("%s has properties but does not refuse other keys", where).isTrue();
            schema.path("properties").fields().forEachRemaining(e -> assertClosed(e.getValue(), where + "/properties/" + e.getKey(), root));
        }
        schema.path("definitions").fields().forEachRemaining(e -> assertClosed(e.getValue(), where + "/definitions/" + e.getKey(), root));
        assertClosed(schema.path("items"), where + "/items", root);
        assertClosed(schema.path("additionalProperties"), where + "/additionalProperties", root);
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode branch : schema.path(combinator)) {
                assertClosed(branch, where + "/" + combinator, root);
            }
        }
    }

    @Test
    void theChartReadmeDocumentsEveryValue() throws Exception {
        String readme = Files.readString(Chart.dir().resolve("README.md"));
        JsonNode values = Manifests.readYaml(Chart.dir().resolve("values.yaml"));
        java.util.List<String> missing = new java.util.ArrayList<>();
        collectLeaves(values, "", missing, readme);

        assertThat(missing).as("values without a row in helm/switchboard/README.md").isEmpty();
    }

    /** Each leaf path (services.<name>. replaced by services.*.) must appear in the README as `path`. */
    private static void collectLeaves(JsonNode node, String path, java.util.List<String> missing, String readme) {
        if (node.isObject() && !node.isEmpty() && !isFreeMap(path)) {
            node.fields().forEachRemaining(e -> collectLeaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), missing, readme));
            return;
        }
        String documented = path.replaceFirst("^services\\.[a-z0-9-]+\\.", "services.<name>.")
                .replaceFirst("^kafka\\.topics\\.items\\..*", "kafka.topics.items");
        if (!readme.contains("`" + documented + "`") && !readme.contains("`" + path + "`")) {
            missing.add(path);
        }
    }

    private static boolean isFreeMap(String path) {
        return path.matches(".*\\.(env|secretEnv|annotations|podAnnotations|nodeSelector|resources|pdb)$") || path.equals("kafka.topics.items")
                || path.equals("kafka.security.access");
    }

    @Test
    void theChartFollowsTheProjectVersion() throws Exception {
        JsonNode chart = Manifests.readYaml(Chart.dir().resolve("Chart.yaml"));
        String version = System.getProperty("project.version");

        assertThat(version).as("project.version from the build").isNotBlank();
        assertThat(chart.path("appVersion").asText()).isEqualTo(version);
        assertThat(chart.path("version").asText()).isEqualTo(version);
        assertThat(Path.of(Chart.dir().toString(), "values.schema.json")).isRegularFile();
    }
}
