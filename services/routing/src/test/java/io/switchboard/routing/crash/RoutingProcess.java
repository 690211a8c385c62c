package io.switchboard.routing.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.testing.postgres.PostgresDatabase;

/** The packaged routing service running as a separate operating-system process. */
final class RoutingProcess {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Pattern DOMAINS = Pattern.compile("\"domains\"\\s*:\\s*(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;

    private RoutingProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    static RoutingProcess start(String name, String bootstrap, PostgresDatabase database) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the *IT suites through `./mvnw verify`");
        }
        int port = freePort();
        Path log = Path.of("target/crash-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        var env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("SWITCHBOARD_ROUTING_SESSION_TIMEOUT", "6s");
        return new RoutingProcess(name, port, builder.start());
    }

    RoutingProcess awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/crash-logs/" + name + ".log");
            }
            if (readiness().map(body -> body.contains("\"UP\"")).orElse(false)) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout);
    }

    /** The number of routing domains this instance writes. */
    int domains() {
        return readiness().map(body -> {
            Matcher matcher = DOMAINS.matcher(body);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        }).orElse(0);
    }

    /** kill -9: no shutdown hook, no flush, no goodbye to the group. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    String name() {
        return name;
    }

    private java.util.Optional<String> readiness() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return java.util.Optional.of(response.body());
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
