package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.switchboard.events.TopicAccess.ServiceAccess;

/**
 * Issue 14: the ownership table must cover what the services' application.properties declare, so a new
 * outgoing channel, a new subscription or a group id outside the service's prefix fails here before the
 * brokers' ACLs refuse it in production. (Topics chosen per message in code, e.g. replies to an outbound
 * topic, are in the table by hand; TopicAccessTest pins the important ones.)
 */
class TopicAccessMatchesServicesTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern CHANNEL_KEY =
            Pattern.compile("(?:%[^.]+\\.)?mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(topic|topics|group\\.id)");

    @Test
    void everyServiceOfTheLocalPlatformHasAnOwnershipRow() throws IOException {
        Set<String> configured = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/local/config/services.conf"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                configured.add(line.trim().split("\\s+")[0]);
            }
        }
        assertThat(configured).isNotEmpty();
        assertThat(TopicAccess.all().keySet()).containsExactlyInAnyOrderElementsOf(configured);
    }

    @Test
    void everyDeclaredChannelIsCoveredByItsServicesRights() throws IOException {
        List<String> uncovered = new ArrayList<>();
        List<Path> services = services();
        assertThat(services).hasSizeGreaterThanOrEqualTo(TopicAccess.all().size());
        for (Path service : services) {
            String name = service.getFileName().toString();
            Properties properties = load(service.resolve("src/main/resources/application.properties"));
            ServiceAccess access = TopicAccess.of(name).orElse(null);
            if (access == null) {
                uncovered.add(name + ": no row in TopicAccess");
                continue;
            }
            for (String key : properties.stringPropertyNames()) {
                Matcher m = CHANNEL_KEY.matcher(key);
                if (!m.matches()) {
                    continue;
                }
                String value = properties.getProperty(key).trim();
                switch (m.group(1) + "." + m.group(3)) {
                    case "outgoing.topic" -> check(uncovered, name, key, value, access.writes());
                    case "incoming.topic", "incoming.topics" -> {
                        for (String topic : value.split(",")) {
                            check(uncovered, name, key, topic.trim(), access.reads());
                        }
                    }
                    case "incoming.group.id" -> {
                        if (!access.mayUseGroup(value)) {
                            uncovered.add(name + ": " + key + "=" + value + " is outside " + access.groupPrefixes());
                        }
                    }
                    default -> uncovered.add(name + ": " + key + " (a consumer group on an outgoing channel?)");
                }
            }
        }
        assertThat(uncovered).as("channels the ownership table (io.switchboard.events.TopicAccess) does not allow").isEmpty();
    }

    @Test
    void routingsCommandsTopicIsTheOneInTheTable() throws IOException {
        Properties routing = load(ROOT.resolve("services/routing/src/main/resources/application.properties"));
        assertThat(routing.getProperty("switchboard.routing.commands-topic")).isEqualTo(TopicAccess.ROUTING_COMMANDS);
    }

    private static void check(List<String> uncovered, String service, String key, String topic, Set<String> allowed) {
        if (!allowed.contains(topic)) {
            uncovered.add(service + ": " + key + "=" + topic);
        }
    }

    private static List<Path> services() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("services"))) {
            return dirs.filter(d -> Files.exists(d.resolve("src/main/resources/application.properties"))).sorted().toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
