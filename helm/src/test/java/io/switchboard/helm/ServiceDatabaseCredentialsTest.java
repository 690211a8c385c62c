package io.switchboard.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 14: no service carries database credentials outside its %dev and %test profiles. In the prod
 * profile each service takes its user and password from the environment, with no default, so that it
 * refuses to start without them (the chart gives each service its own Secret) instead of logging in as
 * whatever the file says.
 */
class ServiceDatabaseCredentialsTest {

    /** An environment reference without a default, e.g. {@code ${QUARKUS_DATASOURCE_USERNAME}}. */
    private static final Pattern ENV_WITHOUT_DEFAULT = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*}");
    /** quarkus.datasource.username, quarkus.datasource."name".password, ... */
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("quarkus\\.datasource\\.(\"[^\"]+\"\\.)?(username|password)");
    private static final Set<String> LOCAL_PROFILES = Set.of("dev", "test");

    @Test
    void noServiceSetsDatabaseCredentialsOutsideTheLocalProfiles() throws IOException {
        List<String> offending = new ArrayList<>();
        List<Path> files = applicationProperties();
        assertThat(files).as("services/*/src/main/resources/application.properties").isNotEmpty();
        for (Path file : files) {
            Properties properties = load(file);
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key).trim();
                String[] split = splitProfile(key);
                if (!CREDENTIAL_KEY.matcher(split[1]).matches()) {
                    continue;
                }
                boolean local = split[0] != null && Set.of(split[0].split(",")).stream().allMatch(LOCAL_PROFILES::contains);
                if (!local && !ENV_WITHOUT_DEFAULT.matcher(value).matches()) {
                    offending.add(Chart.repoRoot().relativize(file) + ": " + key + "=" + value);
                }
            }
        }
        assertThat(offending)
                .as("database credentials outside %%dev/%%test: use ${QUARKUS_DATASOURCE_USERNAME}-style references without a default")
                .isEmpty();
    }

    @Test
    void everyServiceWithADatabaseRequiresItsCredentialsFromTheEnvironment() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : applicationProperties()) {
            Properties properties = load(file);
            if (!properties.containsKey("quarkus.datasource.db-kind")) {
                continue;
            }
            for (String credential : List.of("username", "password")) {
                String value = properties.getProperty("quarkus.datasource." + credential, "").trim();
                if (!ENV_WITHOUT_DEFAULT.matcher(value).matches()) {
                    missing.add(Chart.repoRoot().relativize(file) + ": quarkus.datasource." + credential);
                }
                for (String profile : LOCAL_PROFILES) {
                    if (!properties.containsKey("%" + profile + ".quarkus.datasource." + credential)) {
                        missing.add(Chart.repoRoot().relativize(file) + ": %" + profile + ".quarkus.datasource." + credential
                                + " (the local profile needs its own value once the default has none)");
                    }
                }
            }
        }
        assertThat(missing).as("services with a datasource whose prod credentials do not come from the environment").isEmpty();
    }

    /** {profile or null, key without the profile}; "%dev,test.a.b" gives {"dev,test", "a.b"}. */
    private static String[] splitProfile(String key) {
        if (!key.startsWith("%")) {
            return new String[] {null, key};
        }
        int dot = key.indexOf('.');
        return new String[] {key.substring(1, dot), key.substring(dot + 1)};
    }

    private static List<Path> applicationProperties() throws IOException {
        try (Stream<Path> services = Files.list(Chart.repoRoot().resolve("services"))) {
            return services.map(s -> s.resolve("src/main/resources/application.properties"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
