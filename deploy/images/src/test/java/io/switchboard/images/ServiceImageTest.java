package io.switchboard.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Builds the voice gateway's image (the one service that starts without a database), unpacks the tar the
 * way a container runtime does (docker-save format: manifest.json, config, gzipped layer tars applied in
 * order) and runs the image's entrypoint in that root filesystem as the image's user, with no Docker:
 * {@code unshare --pid --mount-proc --root --wd --setuid --setgid} (chroot with a fresh /proc, the image's
 * working directory and user). The service must answer its liveness endpoint with Kafka
 * unreachable. The runtime checks need root (chroot, namespaces) and are skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceImageTest {

    private static final String SERVICE = "voice-gateway";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root = Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("switchboard.version", "0.1.0-SNAPSHOT");
    private final Path target = Path.of("target").toAbsolutePath();
    private final Path unpacked = target.resolve("image-test").resolve(SERVICE);
    private final Path rootfs = unpacked.resolve("rootfs");

    private JsonNode manifest;
    private JsonNode config;
    private final List<TarArchiveEntry> entries = new ArrayList<>();

    @BeforeAll
    void buildAndUnpack() throws Exception {
        ImageBuilder builder = new ImageBuilder(root, version, target, "");
        assumeTrue(builder.hasFastJar(SERVICE), "services/" + SERVICE + " is not packaged (target/quarkus-app)");
        long start = System.nanoTime();
        builder.build(SERVICE, builder.base());
        System.out.printf("[image-test] base and %s image built in %d ms%n", SERVICE,
                (System.nanoTime() - start) / 1_000_000);

        BaseImage.deleteTree(unpacked);
        Files.createDirectories(rootfs);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(builder.tar(SERVICE)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Files.copy(tar, unpacked.resolve(entry.getName()));
            }
        }
        manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile());
        for (JsonNode layer : manifest.get("Layers")) {
            unpackLayer(unpacked.resolve(layer.asText()));
        }
    }

    @Test
    void imageIsTaggedWithTheProjectVersionAndRunsTheFastJarAsANonRootUser() {
        assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo("switchboard/" + SERVICE + ":" + version);
        JsonNode c = config.get("config");
        assertThat(c.get("User").asText()).isEqualTo("10001:10001");
        assertThat(strings(c.get("Entrypoint"))).containsExactly(
                "/opt/java/bin/java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(c.get("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(c.get("Labels").get("org.opencontainers.image.version").asText()).isEqualTo(version);
        assertThat(c.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("switchboard-" + SERVICE);
        assertThat(c.get("Labels").get("io.switchboard.base.packages").asText()).contains("libc6=", "zlib1g=");
        assertThat(c.get("ExposedPorts").has("8086/tcp")).isTrue();
        assertThat(config.get("architecture").asText()).isEqualTo(ImageBuilder.architecture());
        // base, lib/boot, lib/main, quarkus, app: a new build of the service changes the last ones only
        assertThat(manifest.get("Layers")).hasSize(5);
    }

    @Test
    void nothingInTheImageIsWritableOrPrivilegedExceptTmp() throws IOException {
        assertThat(entries).isNotEmpty();
        for (TarArchiveEntry entry : entries) {
            String name = "/" + entry.getName().replaceAll("^\\./", "").replaceAll("/$", "");
            assertThat(entry.getLongUserId()).as(name).isZero();
            assertThat(entry.getMode() & 04000).as(name + " setuid").isZero();
            assertThat(entry.getMode() & 02000).as(name + " setgid").isZero();
            assertThat(entry.isSymbolicLink() || entry.isLink()).as(name + " link").isFalse();
            if (!name.equals("/tmp")) {
                assertThat(entry.getMode() & 0022).as(name + " writable by group or others").isZero();
            }
        }
        assertThat(Files.readAllLines(rootfs.resolve("etc/passwd")))
                .containsExactly("switchboard:x:10001:10001:Switchboard:/tmp:/nonexistent");
        assertThat(rootfs.resolve("bin/sh")).doesNotExist();
        assertThat(rootfs.resolve("opt/java/lib/security/cacerts")).isNotEmptyFile();
        assertThat(rootfs.resolve("var/lib/dpkg/status.d")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("libc6"));
    }

    @Test
    void javaRunsAsTheImageUserAndTakesItsOptionsFromJdkJavaOptions() throws Exception {
        assumeRoot();
        Map<String, String> env = imageEnvironment();
        env.put("JDK_JAVA_OPTIONS", "-Xmx64m -Dswitchboard.probe=from-env");
        Result result = run(List.of("/opt/java/bin/java", "-XshowSettings:properties", "-version"), env, Duration.ofSeconds(60));
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output)
                .contains("Picked up JDK_JAVA_OPTIONS: -Xmx64m -Dswitchboard.probe=from-env")
                .contains("switchboard.probe = from-env")
                .contains("user.name = switchboard")
                .contains("java.home = /opt/java")
                .contains("user.dir = /deployments")
                .contains("file.encoding = UTF-8")
                .contains("OpenJDK 64-Bit Server VM")
                .contains("sharing"); // the jlinked runtime's class-data sharing archive is used
    }

    @Test
    void theServiceStartsFromTheEntrypointAndAnswersItsLivenessEndpoint() throws Exception {
        assumeRoot();
        int http = freeTcpPort();
        int sip;
        try (DatagramSocket socket = new DatagramSocket(0)) {
            sip = socket.getLocalPort();
        }
        Map<String, String> env = imageEnvironment();
        env.put("JDK_JAVA_OPTIONS", "-Xmx256m");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(http));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freeTcpPort()); // nobody listens: liveness must still be UP
        env.put("QUARKUS_OTEL_SDK_DISABLED", "true");
        env.put("SWITCHBOARD_VOICE_SIP_PORT", Integer.toString(sip));
        env.put("SWITCHBOARD_VOICE_MEDIA_PORT_MIN", "47000");
        env.put("SWITCHBOARD_VOICE_MEDIA_PORT_MAX", "47099");
        // Its default, voice-journal in the working directory, is not writable by the image's user (the
        // chart's root filesystem is read-only): the journal goes to /tmp, the chart's emptyDir.
        env.put("SWITCHBOARD_VOICE_JOURNAL_DIR", "/tmp/voice-journal");

        Path log = unpacked.resolve("service.log");
        List<String> command = new ArrayList<>(containerCommand(entrypoint()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        long start = System.nanoTime();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/q/health/live"))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = null;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120) && process.isAlive()) {
                try {
                    response = client.send(live, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            String output = Files.readString(log);
            assertThat(response).as(output).isNotNull();
            assertThat(response.statusCode()).as(output).isEqualTo(200);
            assertThat(response.body()).contains("\"status\": \"UP\"");
            System.out.printf("[image-test] %s live in the unpacked image after %d ms%n", SERVICE,
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(output).contains("Picked up JDK_JAVA_OPTIONS: -Xmx256m").contains("started in");
            assertThat(process.descendants().map(ServiceImageTest::uid)).contains("10001");
        } finally {
            stop(process);
        }
        assertThat(Files.readString(log)).contains("stopped in");
    }

    // ---- the container runtime, by hand ----

    private List<String> entrypoint() {
        List<String> command = new ArrayList<>(strings(config.get("config").get("Entrypoint")));
        command.addAll(strings(config.get("config").get("Cmd")));
        return command;
    }

    /**
     * What a runtime does with the image config, by hand: a new PID and mount namespace with its own /proc
     * (the JVM and ld.so read /proc/self), the unpacked layers as root directory, the image's working
     * directory, its user and group; the image's environment is the process's whole environment.
     */
    private List<String> containerCommand(List<String> command) throws IOException {
        Files.createDirectories(rootfs.resolve("proc"));
        String[] user = config.get("config").get("User").asText().split(":");
        List<String> full = new ArrayList<>(List.of("/usr/bin/unshare", "--fork", "--pid", "--kill-child",
                "--mount-proc=/proc", "--root=" + rootfs, "--wd=" + config.get("config").get("WorkingDir").asText(),
                "--setgid=" + user[1], "--setuid=" + user[0]));
        full.addAll(command);
        return full;
    }

    private Map<String, String> imageEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : strings(config.get("config").get("Env"))) {
            int eq = entry.indexOf('=');
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(containerCommand(command)).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            stop(process);
        }
        return new Result(process.exitValue(), output);
    }

    /** unshare ignores SIGTERM while it waits, so the service (its descendant) gets it, as from a runtime. */
    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void unpackLayer(Path layer) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(layer));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                entries.add(entry);
                Path path = rootfs.resolve(entry.getName()).normalize();
                assertThat(path).startsWithRaw(rootfs);
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static String uid(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).map(line -> line.split("\\s+")[1]).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assumeRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(uid.equals("0") && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "running the image needs root and util-linux's unshare");
    }
}
