package io.switchboard.routing.crash;

import static io.switchboard.testing.process.CpuAffinity.pin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.kafka.EmbeddedKafkaBroker;
import io.switchboard.testing.postgres.PostgresDatabase;

/**
 * The routing load benchmark (not a test: it asserts nothing and runs only on request):
 * <pre>./mvnw -B -o -pl services/routing verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RoutingLoadBench [-Dbench.rate=2000]</pre>
 * Three processes: this JVM holds the Kafka broker, the routing service runs packaged as its own
 * process, and the load ({@link LoadGenerator}) as a third. With {@code bench.pin} (the default)
 * routing is pinned to CPU 0 and the broker and the load to CPU 1; PostgreSQL runs on either.
 * The figures go to {@code target/routing-bench/report.json}.
 *
 * <p>Settings ({@code -Dbench.*}): {@code rate} contacts/s (500), {@code seconds} measured (60; 30
 * above 500/s), {@code warmup} seconds at the same rate before the clock starts (30), {@code agents}
 * (1,000, or the rate when higher), {@code pin} (true), {@code heap} routing's -Xmx (512m),
 * {@code jvm} more JVM options for routing (e.g. {@code -XX:+UseZGC}), {@code jfr} a flight
 * recording of routing to {@code target/routing-bench/routing.jfr}, {@code pglog} a
 * {@code log_min_duration_statement} (ms) for the bench's database.
 */
class RoutingLoadBench {

    private static final Path DIR = Path.of("target/routing-bench");

    @Test
    void measure() throws Exception {
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", rate > 500 ? 30 : 60);
        int warmup = Integer.getInteger("bench.warmup", 30);
        int agents = Integer.getInteger("bench.agents", Math.max(1_000, rate));
        boolean pin = Boolean.parseBoolean(System.getProperty("bench.pin", "true"));
        Files.createDirectories(DIR);
        Path report = DIR.resolve("report.json");
        Files.deleteIfExists(report);

        List<String> jvm = new ArrayList<>();
        String extra = System.getProperty("bench.jvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        if (Boolean.getBoolean("bench.jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + DIR.toAbsolutePath().resolve("routing.jfr") + ",settings=profile,dumponexit=true");
        }

        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        long self = ProcessHandle.current().pid();
        try (PostgresDatabase database = PostgresDatabase.create("routing_bench")) {
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
            RoutingProcess routing = RoutingProcess.start("bench", broker.bootstrapServers(), database,
                    System.getProperty("bench.heap", "512m"), jvm);
            if (pin) {
                pin(self, "1");
                pin(routing.pid(), "0");
            }
            try {
                routing.awaitReady(Duration.ofSeconds(90));
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "-cp", testClassPath(), LoadGenerator.class.getName(), broker.bootstrapServers(),
                        String.valueOf(rate), String.valueOf(seconds), String.valueOf(warmup), String.valueOf(agents),
                        report.toString(), routing.pid() + "=routing", self + "=broker",
                        ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(self) + "=maven"));
                Process generator = new ProcessBuilder(command).inheritIO().start();
                if (!generator.waitFor(warmup + seconds + 240, TimeUnit.SECONDS)) {
                    generator.destroyForcibly();
                    throw new IllegalStateException("the load generator did not finish in time");
                }
                if (generator.exitValue() != 0 || !Files.exists(report)) {
                    throw new IllegalStateException("the load generator failed with " + generator.exitValue());
                }
            } finally {
                routing.stop();
            }
        }
        System.out.printf("routing load (%s; routing %s, jvm %s):%n%s", pin ? "routing on CPU 0, broker and load on CPU 1" : "not pinned",
                System.getProperty("bench.heap", "512m"), jvm, Files.readString(report));
    }

    /** Failsafe runs this class from a manifest-only jar; the real class path is in its own property. */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path == null || path.isBlank() ? System.getProperty("java.class.path") : path;
    }
}
