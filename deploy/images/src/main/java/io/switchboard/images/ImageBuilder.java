package io.switchboard.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds an OCI image per service without a Docker daemon and without pulling a base image: FROM scratch,
 * the {@link BaseImage} (jlinked JRE plus Debian's glibc and friends) as one layer that is the same for
 * every service, then the service's Quarkus fast-jar ({@code services/<name>/target/quarkus-app}) in four
 * layers from the least to the most often changed.
 *
 * <p>The image is {@code switchboard/<service>:<version>} in {@code target/images/<service>.tar}
 * (docker-save format: {@code docker load}, {@code podman load}, {@code skopeo copy docker-archive:...}),
 * or, with {@code switchboard.images.registry=<host>/<namespace>}, pushed as
 * {@code <host>/<namespace>/<service>:<version>}.
 *
 * <p>There is no shell in the image, so the JVM options come from {@code JDK_JAVA_OPTIONS}, which the
 * {@code java} launcher reads itself (the chart's {@code JAVA_TOOL_OPTIONS} is read by the JVM, too).
 */
public final class ImageBuilder {

    public static final List<String> SERVICES = List.of("routing", "customer360", "chat-channel",
            "email-channel", "agent-desktop", "voice-gateway", "admin-console", "sms-channel", "social-channel", "reporting", "campaigns",
            "fax-channel");

    public static final String USER = BaseImage.UID + ":" + BaseImage.UID;
    public static final AbsoluteUnixPath WORKDIR = AbsoluteUnixPath.get("/deployments");
    public static final List<String> ENTRYPOINT =
            List.of("/opt/java/bin/java", "-jar", "/deployments/quarkus-run.jar");

    private static final Pattern HTTP_PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)\\s*$");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");
    private static final FilePermissions WRITABLE_DIR = FilePermissions.fromOctalString("777");

    private final Path root;
    private final String version;
    private final Path target;
    private final String registry;

    /**
     * @param root the repository (services/ is under it)
     * @param version the project version, the images' tag
     * @param target this module's target directory: base/, images/, jib-cache/
     * @param registry empty for tars, else {@code host[:port]/namespace} to push to
     */
    public ImageBuilder(Path root, String version, Path target, String registry) {
        this.root = root;
        this.version = version;
        this.target = target;
        this.registry = registry == null ? "" : registry.strip().replaceAll("/+$", "");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("switchboard.root", ".")).toAbsolutePath().normalize();
        String version = required("switchboard.version");
        Path target = Path.of(System.getProperty("switchboard.images.out", root.resolve("deploy/images/target").toString()));
        String only = System.getProperty("switchboard.images.services", "");
        ImageBuilder builder = new ImageBuilder(root, version, target, System.getProperty("switchboard.images.registry", ""));
        List<String> services = only.isBlank() ? SERVICES : List.of(only.split("\\s*,\\s*"));
        long start = System.nanoTime();
        BaseImage base = builder.base();
        System.out.printf("[images] base: Java %s, %s%n", base.javaVersion(), base.packages());
        int built = 0;
        for (String service : services) {
            if (!builder.hasFastJar(service)) {
                System.out.printf("[images] %s: no %s, skipped (package it first)%n", service,
                        root.relativize(builder.fastJar(service)));
                continue;
            }
            JibContainer image = builder.build(service, base);
            System.out.printf("[images] %s -> %s %s%n", service, builder.destination(service), image.getDigest());
            built++;
        }
        System.out.printf("[images] %d image(s) in %d s%n", built, (System.nanoTime() - start) / 1_000_000_000L);
    }

    /** The base, made once into target/base (see {@link BaseImage}). */
    public BaseImage base() throws IOException, InterruptedException {
        Path jdk = Path.of(System.getProperty("switchboard.images.jdk", System.getProperty("java.home")));
        return BaseImage.prepare(jdk, target.resolve("base"));
    }

    public Path fastJar(String service) {
        return root.resolve("services").resolve(service).resolve("target/quarkus-app");
    }

    public boolean hasFastJar(String service) {
        return Files.isRegularFile(fastJar(service).resolve("quarkus-run.jar"));
    }

    /** The tar an image is written to when no registry is named. */
    public Path tar(String service) {
        return target.resolve("images").resolve(service + ".tar");
    }

    /** {@code switchboard/<service>:<version>}, or {@code <registry>/<service>:<version>}. */
    public String destination(String service) {
        return (registry.isEmpty() ? "switchboard" : registry) + "/" + service + ":" + version;
    }

    public JibContainer build(String service, BaseImage base) throws Exception {
        JibContainerBuilder image = Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setPlatforms(Set.of(new Platform(architecture(), "linux")))
                .setCreationTime(Instant.EPOCH)
                .addFileEntriesLayer(tree("base", base.rootfs(), AbsoluteUnixPath.get("/")))
                .addFileEntriesLayer(tree("lib-boot", fastJar(service).resolve("lib/boot"),
                        WORKDIR.resolve("lib/boot")))
                .addFileEntriesLayer(tree("lib-main", fastJar(service).resolve("lib/main"),
                        WORKDIR.resolve("lib/main")))
                .addFileEntriesLayer(quarkus(fastJar(service)))
                .addFileEntriesLayer(tree("app", fastJar(service).resolve("app"), WORKDIR.resolve("app")))
                .setEnvironment(environment())
                .setUser(USER)
                .setWorkingDirectory(WORKDIR)
                .setEntrypoint(ENTRYPOINT)
                .setProgramArguments(List.of())
                .setLabels(labels(service, base));
        httpPort(service).ifPresent(port -> image.setExposedPorts(Set.of(Port.tcp(port))));
        return image.containerize(containerizer(service));
    }

    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", "/opt/java");
        env.put("PATH", "/opt/java/bin");
        // The base's C.UTF-8 locale: the JVM's default charset and file-name encoding are UTF-8.
        env.put("LANG", "C.UTF-8");
        return env;
    }

    private Map<String, String> labels(String service, BaseImage base) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "switchboard-" + service);
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.description", "Switchboard " + service
                + " (Quarkus fast-jar on a jlinked Java runtime, no shell)");
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");
        labels.put("org.opencontainers.image.base.name", "scratch");
        labels.put("io.switchboard.java.version", base.javaVersion());
        StringBuilder packages = new StringBuilder();
        base.packages().forEach((name, v) -> packages.append(packages.length() == 0 ? "" : " ")
                .append(name.replaceAll(":.*", "")).append('=').append(v));
        labels.put("io.switchboard.base.packages", packages.toString());
        return labels;
    }

    private Containerizer containerizer(String service) throws Exception {
        Containerizer containerizer;
        if (registry.isEmpty()) {
            Files.createDirectories(tar(service).getParent());
            containerizer = Containerizer.to(TarImage.at(tar(service)).named(destination(service)));
        } else {
            ImageReference reference = ImageReference.parse(destination(service));
            RegistryImage to = RegistryImage.named(reference);
            String user = System.getenv("SWITCHBOARD_IMAGES_USERNAME");
            String password = System.getenv("SWITCHBOARD_IMAGES_PASSWORD");
            if (user != null && password != null) {
                to.addCredential(user, password);
            }
            CredentialRetrieverFactory credentials = CredentialRetrieverFactory.forImage(reference, this::log);
            for (CredentialRetriever retriever : List.of(credentials.dockerConfig(),
                    credentials.wellKnownCredentialHelpers(), credentials.googleApplicationDefaultCredentials())) {
                to.addCredentialRetriever(retriever);
            }
            containerizer = Containerizer.to(to)
                    .setAllowInsecureRegistries(Boolean.getBoolean("switchboard.images.insecure"));
        }
        return containerizer
                .setToolName("switchboard-images")
                .setBaseImageLayersCache(target.resolve("jib-cache/base"))
                .setApplicationLayersCache(target.resolve("jib-cache/application"))
                .addEventHandler(LogEvent.class, this::log);
    }

    private void log(LogEvent event) {
        if (event.getLevel().ordinal() <= LogEvent.Level.LIFECYCLE.ordinal()) {
            System.out.println("[jib] " + event.getMessage());
        }
    }

    /** quarkus-run.jar, quarkus/ and the dependency list: changed by any build of the service. */
    private static FileEntriesLayer quarkus(Path fastJar) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("quarkus");
        addTree(layer, fastJar.resolve("quarkus"), WORKDIR.resolve("quarkus"));
        for (String file : List.of("quarkus-run.jar", "quarkus-app-dependencies.txt")) {
            if (Files.exists(fastJar.resolve(file))) {
                layer.addEntry(fastJar.resolve(file), WORKDIR.resolve(file), READABLE);
            }
        }
        return layer.build();
    }

    private static FileEntriesLayer tree(String name, Path dir, AbsoluteUnixPath at) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        addTree(layer, dir, at);
        return layer.build();
    }

    /**
     * Every file and directory under {@code dir}, sorted (reproducible layers), owned by root: directories
     * 755 (/tmp 777, the chart mounts an emptyDir there), executables 755, the rest 644.
     */
    private static void addTree(FileEntriesLayer.Builder layer, Path dir, AbsoluteUnixPath at) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir)).sorted().forEach(paths::add);
        }
        for (Path path : paths) {
            String relative = dir.relativize(path).toString();
            AbsoluteUnixPath inImage = at.resolve(relative);
            FilePermissions permissions;
            if (Files.isDirectory(path)) {
                permissions = inImage.toString().equals("/tmp") ? WRITABLE_DIR : EXECUTABLE;
            } else {
                permissions = Files.isExecutable(path) && !relative.endsWith(".jar") ? EXECUTABLE : READABLE;
            }
            layer.addEntry(path, inImage, permissions);
        }
    }

    Optional<Integer> httpPort(String service) {
        Path properties = root.resolve("services").resolve(service).resolve("src/main/resources/application.properties");
        try {
            Matcher m = HTTP_PORT.matcher(Files.readString(properties));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required");
        }
        return value;
    }
}
