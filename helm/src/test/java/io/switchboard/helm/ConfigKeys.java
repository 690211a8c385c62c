package io.switchboard.helm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The switchboard.* settings a service really has, read from its sources: the keys of its
 * application.properties and the properties of its {@code @ConfigMapping} interfaces. The chart's
 * SWITCHBOARD_* environment variables are checked against them, so that a variable the service would
 * silently ignore (a typo, a renamed key) fails the build.
 */
final class ConfigKeys {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)([^{]*)\\{");
    private static final Pattern EXTENDS = Pattern.compile("\\bextends\\s+([\\w.,\\s]+)");
    private static final Pattern METHOD = Pattern.compile("([\\w.]+(?:<[^;()]*>)?)\\s+(\\w+)\\(\\)\\s*;");

    private final List<Pattern> envPatterns;
    private final Set<String> sources = new LinkedHashSet<>();

    private ConfigKeys(List<Pattern> envPatterns) {
        this.envPatterns = envPatterns;
    }

    /** The settings of services/{service}; empty when the service has no sources (yet). */
    static ConfigKeys of(Path repoRoot, String service) {
        Path module = repoRoot.resolve("services").resolve(service).resolve("src/main");
        List<String> names = new ArrayList<>();
        ConfigKeys keys = new ConfigKeys(new ArrayList<>());
        Path properties = module.resolve("resources/application.properties");
        if (Files.isRegularFile(properties)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(properties)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : p.stringPropertyNames()) {
                names.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
                // A value may read an environment variable directly: ${SWITCHBOARD_SOMETHING:default}.
                Matcher reference = ENV_REFERENCE.matcher(p.getProperty(key));
                while (reference.find()) {
                    keys.envPatterns.add(Pattern.compile(Pattern.quote(reference.group(1))));
                }
            }
            keys.sources.add(properties.toString());
        }
        Path java = module.resolve("java");
        if (Files.isDirectory(java)) {
            try (Stream<Path> files = Files.walk(java)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher mapping = MAPPING.matcher(source);
                    if (mapping.find()) {
                        names.addAll(mappingProperties(mapping.group(1), source, name -> librarySource(repoRoot, name)));
                        keys.sources.add(file.toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String name : names) {
            keys.envPatterns.add(envPattern(name));
        }
        return keys;
    }

    boolean isEmpty() {
        return envPatterns.isEmpty();
    }

    Set<String> sources() {
        return sources;
    }

    /** Whether an environment variable name is how MicroProfile Config spells one of the settings. */
    boolean knows(String envName) {
        return envPatterns.stream().anyMatch(p -> p.matcher(envName).matches());
    }

    /** The environment variable form of a property name; "*" (a map key) matches any name. */
    private static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (String part : property.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(part.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT)));
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * The source of an interface a mapping extends from a shared library (libs/mail-relay's RelaySettings, say), found
     * by its simple name; a service's own mapping inherits its properties.
     */
    private static Optional<String> librarySource(Path repoRoot, String simpleName) {
        try (Stream<Path> files = Files.walk(repoRoot.resolve("libs"))) {
            Optional<Path> file = files.filter(f -> f.getFileName().toString().equals(simpleName + ".java"))
                    .filter(f -> f.toString().contains("/src/main/java/")).findFirst();
            return file.isPresent() ? Optional.of(Files.readString(file.get())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The property names of a config mapping interface and its nested interfaces, with those it inherits. */
    static List<String> mappingProperties(String prefix, String source, Function<String, Optional<String>> supertypes) {
        Map<String, List<String[]>> interfaces = interfaces(source, supertypes);
        String root = rootInterface(source);
        List<String> out = new ArrayList<>();
        if (root != null) {
            expand(prefix, root, interfaces, out, 0);
        }
        return out;
    }

    private static String rootInterface(String source) {
        Matcher m = INTERFACE.matcher(source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", ""));
        return m.find() ? m.group(1) : null;
    }

    /** Each interface of a source with its property methods, an inherited interface's (found by supertypes) included. */
    private static Map<String, List<String[]>> interfaces(String source, Function<String, Optional<String>> supertypes) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Map<String, List<String[]>> interfaces = new HashMap<>();
        Matcher m = INTERFACE.matcher(code);
        while (m.find()) {
            String name = m.group(1);
            int start = m.end();
            int depth = 1;
            int i = start;
            StringBuilder own = new StringBuilder();
            while (i < code.length() && depth > 0) {
                char c = code.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                } else if (depth == 1) {
                    own.append(c);
                }
                i++;
            }
            List<String[]> methods = new ArrayList<>();
            Matcher method = METHOD.matcher(own.toString().replaceAll("@\\w+(\\([^)]*\\))?", " "));
            while (method.find()) {
                methods.add(new String[] {method.group(1), method.group(2)});
            }
            Matcher parents = EXTENDS.matcher(m.group(2));
            if (parents.find()) {
                for (String parent : parents.group(1).split(",")) {
                    String simple = parent.trim().replaceAll(".*\\.", "");
                    supertypes.apply(simple).ifPresent(inherited -> {
                        Map<String, List<String[]>> theirs = interfaces(inherited, supertypes);
                        methods.addAll(theirs.getOrDefault(rootInterface(inherited), List.of()));
                    });
                }
            }
            interfaces.putIfAbsent(name, methods);
        }
        return interfaces;
    }

    private static void expand(String prefix, String iface, Map<String, List<String[]>> interfaces, List<String> out, int depth) {
        if (depth > 5) {
            return;
        }
        for (String[] method : interfaces.getOrDefault(iface, List.of())) {
            String type = method[0];
            String path = prefix + "." + kebab(method[1]);
            boolean map = type.startsWith("Map<");
            String element = type.replaceAll(".*[<,]\\s*", "").replace(">", "").trim();
            if (map) {
                path = path + ".*";
            }
            if (interfaces.containsKey(element)) {
                expand(path, element, interfaces, out, depth + 1);
            } else {
                out.add(path);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
