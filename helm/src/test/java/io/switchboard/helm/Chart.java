package io.switchboard.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart under test and Helm (helm-java, Helm embedded as a native library) run on it: lint, template,
 * and copies of the chart with other values for lint, which in helm-java 0.0.21 takes no values file.
 */
final class Chart {

    static final String RELEASE = "switchboard";
    static final String NAMESPACE = "switchboard";
    /** The Kubernetes version helm template renders for (helm-java's default, 1.20, is below the chart's kubeVersion). */
    static final String KUBE_VERSION = "1.31.0";

    private static final Map<String, List<JsonNode>> RENDERS = new ConcurrentHashMap<>();

    private Chart() {
    }

    static Path dir() {
        return Path.of(System.getProperty("switchboard.chart.dir", "switchboard")).toAbsolutePath().normalize();
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("switchboard.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path renderedDir() {
        return Path.of(System.getProperty("switchboard.rendered.dir", "target/rendered")).toAbsolutePath().normalize();
    }

    static Path productionValues() {
        return dir().resolve("values-production.yaml");
    }

    /** A values file of src/test/resources/values. */
    static Path testValues(String name) {
        Path file = Path.of(System.getProperty("switchboard.test.values.dir", "src/test/resources/values")).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no test values file " + file.toAbsolutePath());
        }
        return file;
    }

    /** helm template with these values files (in order), as a string. Helm's errors surface as exceptions. */
    static String template(Path... valuesFiles) {
        TemplateCommand command = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values.toAbsolutePath());
        }
        return command.call();
    }

    /**
     * The documents of one render, parsed, cached per JVM; the YAML is written to target/rendered/{name}.yaml.
     */
    static List<JsonNode> render(String name, Path... valuesFiles) {
        return RENDERS.computeIfAbsent(name, n -> {
            String yaml = template(valuesFiles);
            try {
                Files.createDirectories(renderedDir());
                Files.writeString(renderedDir().resolve(n + ".yaml"), yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Manifests.parse(yaml);
        });
    }

    static LintResult lint(Path chartDir) {
        return new Helm(chartDir).lint().strict().call();
    }

    /**
     * A copy of the chart under target/lint/{name} whose values.yaml is the chart's values merged with these
     * files as Helm merges them, so that lint checks those values (and the schema sees them).
     */
    static Path copyWithValues(String name, Path... valuesFiles) {
        Path target = renderedDir().getParent().resolve("lint").resolve(name).resolve("switchboard");
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    old.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(dir())) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(dir().relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(source, copy);
                    }
                }
            }
            ObjectNode values = (ObjectNode) Manifests.readYaml(dir().resolve("values.yaml"));
            for (Path file : valuesFiles) {
                Manifests.merge(values, Manifests.readYaml(file));
            }
            Files.writeString(target.resolve("values.yaml"), Manifests.toYaml(values));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
