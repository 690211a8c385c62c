package io.switchboard.customer360.load;

import static io.switchboard.testing.process.CpuAffinity.pin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabase;

/**
 * The customer360 benchmark of docs/benchmarks.md (not a test: it runs only on request):
 * <pre>./mvnw -B -o -pl services/customer360 verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=Customer360LoadBench</pre>
 * Four processes: this JVM holds the Kafka broker, Keycloak runs as its own (started by
 * {@link KeycloakServer}), the packaged service as a third, and the load
 * ({@link Customer360LoadGenerator}) as a fourth. With {@code bench.pin} (the default) the service is
 * pinned to CPU 0 and the broker and the load to CPU 1; PostgreSQL and Keycloak run on either. The
 * figures go to {@code target/customer360-bench/report.json} and {@code report.txt}.
 *
 * <p>Settings ({@code -Dbench.*}): {@code app} the packaged service to run (this module's
 * {@code target/quarkus-app}; another build's folder for a before/after run), {@code pin} (true),
 * {@code heap} the service's -Xmx (512m), {@code jvm} more JVM options for the service,
 * {@code jfr} a flight recording of the service to {@code target/customer360-bench/service.jfr},
 * {@code pglog} a {@code log_min_duration_statement} (ms) for the bench's database, and the
 * generator's sizes: {@code contacts} (30,000), {@code warmupContacts} (30,000),
 * {@code warmupPages} (2,000), {@code pages} (2,000).
 */
class Customer360LoadBench {

    private static final Path DIR = Path.of("target/customer360-bench");

    @Test
    void measure() throws Exception {
        boolean pin = Boolean.parseBoolean(System.getProperty("bench.pin", "true"));
        Path app = Path.of(System.getProperty("bench.app", "target/quarkus-app")).toAbsolutePath();
        String heap = System.getProperty("bench.heap", "512m");
        Files.createDirectories(DIR);
        Path report = DIR.resolve("report.json");
        Files.deleteIfExists(report);

        List<String> jvm = new ArrayList<>(List.of("-Xlog:gc:file=" + DIR.toAbsolutePath().resolve("service-gc.log") + ":uptime"));
        String extra = System.getProperty("bench.jvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        if (Boolean.getBoolean("bench.jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + DIR.toAbsolutePath().resolve("service.jfr") + ",settings=profile,dumponexit=true");
        }

        // Keycloak first, before this JVM is pinned, so that its process is not.
        KeycloakServer keycloak = KeycloakServer.shared();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        long self = ProcessHandle.current().pid();
        try (PostgresDatabase database = PostgresDatabase.create("customer360_bench")) {
            Integer pgLog = Integer.getInteger("bench.pglog");
            if (pgLog != null) {
                try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                    statement.execute("ALTER DATABASE " + database.name() + " SET log_min_duration_statement = " + pgLog);
                }
            }
            // A child inherits the CPU affinity of the thread that starts it.
            if (pin) {
                pin(self, "0");
            }
            ServiceUnderTest service = ServiceUnderTest.start(app, Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                    "QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", database.user(),
                    "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                    "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl()), heap, jvm, DIR.resolve("service.log"));
            if (pin) {
                pin(self, "1");
                pin(service.pid(), "0");
            }
            try {
                service.awaitReady(Duration.ofSeconds(90));
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx768m", "-cp", testClassPath(), Customer360LoadGenerator.class.getName(),
                        "bootstrap=" + broker.bootstrapServers(),
                        "jdbc=" + database.jdbcUrl(), "user=" + database.user(), "password=" + database.password(),
                        "api=" + service.baseUrl(), "realm=" + keycloak.realmUrl(), "report=" + report.toAbsolutePath(),
                        "contacts=" + Integer.getInteger("bench.contacts", 30_000),
                        "warmupContacts=" + Integer.getInteger("bench.warmupContacts", 30_000),
                        "warmupPages=" + Integer.getInteger("bench.warmupPages", 2_000),
                        "pages=" + Integer.getInteger("bench.pages", 2_000),
                        "label=" + System.getProperty("bench.label", app.toString()),
                        "sharing=" + (pin ? "service on CPU 0; broker (test JVM) and load generator on CPU 1; PostgreSQL and Keycloak unpinned"
                                : "nothing pinned"),
                        "watch=" + service.pid() + ":service", "watch=" + self + ":broker"));
                Process generator = new ProcessBuilder(command).inheritIO().start();
                if (!generator.waitFor(30, TimeUnit.MINUTES)) {
                    generator.destroyForcibly();
                    throw new IllegalStateException("the load generator did not finish in time");
                }
                if (generator.exitValue() != 0 || !Files.exists(report)) {
                    throw new IllegalStateException("the load generator failed with " + generator.exitValue());
                }
            } finally {
                service.stop();
            }
        }
        System.out.printf("customer360 load (%s, service -Xmx%s, jvm %s):%n%s", pin ? "pinned" : "not pinned", heap, jvm,
                Files.readString(report));
    }

    /** Failsafe runs this class from a manifest-only jar; the real class path is in its own property. */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path == null || path.isBlank() ? System.getProperty("java.class.path") : path;
    }
}
