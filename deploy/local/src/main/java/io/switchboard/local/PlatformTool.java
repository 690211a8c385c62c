package io.switchboard.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import io.switchboard.events.Topics;

/**
 * The small jobs ./switchboard needs done in Java: creating the platform's topics from the one
 * list in contact-events, the local database with a login role per service that owns that service's
 * schema ({@link DatabaseRoles}), the demo center through the admin console, and unpacking the embedded
 * PostgreSQL server ({@link PostgresBinaries}).
 * Exits non-zero with a one-line reason on failure.
 */
public final class PlatformTool {

    private PlatformTool() {
    }

    public static void main(String[] args) {
        try {
            if (args.length == 2 && args[0].equals("topics")) {
                createTopics(args[1], Duration.ofSeconds(60));
            } else if (args.length >= 3 && args[0].equals("database")) {
                createDatabase(args[1], args[2]);
                List<DatabaseRoles.ServiceSchema> schemas = new ArrayList<>();
                for (int i = 3; i < args.length; i++) {
                    schemas.add(DatabaseRoles.ServiceSchema.parse(args[i]));
                }
                DatabaseRoles.ensure(args[1], args[2], schemas, DatabaseRoles.LOCAL_PREFIX);
            } else if (args.length == 3 && args[0].equals("seed-console")) {
                seedConsole(args[1], args[2]);
            } else if (args.length == 3 && args[0].equals("postgres-unpack")) {
                if (PostgresBinaries.unpack(Path.of(args[1]), Path.of(args[2]))) {
                    System.out.println("unpacked the PostgreSQL server into " + args[2]);
                }
            } else {
                System.err.println("usage: PlatformTool topics <bootstrap> | database <jdbc-url-of-postgres-db> <name> [<service>:<schema> ...] | seed-console <console-url> <realm-url> | postgres-unpack <binaries-jar> <dir>");
                System.exit(2);
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static void createTopics(String bootstrap, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toSeconds(), TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.TopicSpec spec : Topics.all()) {
                if (!existing.contains(spec.name())) {
                    NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1);
                    if (spec.compacted()) {
                        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(topic);
                }
            }
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(timeout.toSeconds(), TimeUnit.SECONDS);
                    System.out.println("created topic " + result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + result.getKey() + ": " + e.getCause().getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer: " + e.getMessage());
        }
    }

    /** Configures the demo center through the admin console (see {@link DemoCenter}). */
    static void seedConsole(String consoleUrl, String realmUrl) {
        try {
            int changed = new ConsoleSeeder(consoleUrl, realmUrl).seed();
            System.out.println(changed == 0 ? "demo center already configured" : "configured the demo center (" + changed + " changes)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the admin console at " + consoleUrl + " did not answer: " + e.getMessage());
        }
    }

    static void createDatabase(String serverJdbcUrl, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        try (Connection connection = DriverManager.getConnection(serverJdbcUrl, "postgres", "postgres");
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
                System.out.println("created database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverJdbcUrl + " refused: " + e.getMessage());
        }
    }
}
