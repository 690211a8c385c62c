package io.switchboard.testing.process;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A packaged Quarkus service (target/quarkus-app) running as its own operating-system process, for
 * the tests that kill one with -9 and start another. The log goes to target/crash-logs/NAME.log.
 */
public final class ServiceProcess {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** @param env the service's settings (datasource, Kafka, ...); the HTTP port is chosen here */
    public static ServiceProcess start(String name, Map<String, String> env) throws IOException {
        return start(name, env, "384m");
    }

    /** @param heap the service's maximum heap ({@code -Xmx}), e.g. {@code 1g} for a load test */
    public static ServiceProcess start(String name, Map<String, String> env, String heap) throws IOException {
        return start(name, env, heap, List.of());
    }

    /** @param jvmOptions more options for the service's JVM (a flight recording, a collector) */
    public static ServiceProcess start(String name, Map<String, String> env, String heap, List<String> jvmOptions) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the *IT suites through `./mvnw verify`");
        }
        int port = freePort();
        Path log = Path.of("target/crash-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return new ServiceProcess(name, port, builder.start());
    }

    public ServiceProcess awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/crash-logs/"
                        + name + ".log");
            }
            if (readiness().map(body -> body.contains("\"UP\"")).orElse(false)) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout);
    }

    /** The body of /q/health/ready, or empty while the service does not answer. */
    public Optional<String> readiness() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(response.body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** kill -9: no shutdown hook, no flush, no goodbye to the consumer group. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
