package io.switchboard.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The services' base, made on the build machine without pulling anything: a Java runtime made by
 * {@code jlink} from the build JDK (Debian's OpenJDK 17) at {@code /opt/java}, the shared libraries
 * that {@code ldd} lists for its launchers and native libraries (glibc, zlib, ...) copied from the
 * machine's Debian packages to the paths the dynamic loader searches, and the few files of {@code /etc}
 * a JVM reads. No shell, no package manager. The Debian packages the files come from are recorded in
 * {@code /var/lib/dpkg/status.d/} (as distroless does), so image scanners see their versions.
 *
 * <p>It is made once into {@code <dir>/rootfs} and reused while the JDK and this recipe are unchanged.
 */
public final class BaseImage {

    /** The user the images run as; the chart's pod.runAsUser may override it (every file is world-readable). */
    public static final int UID = 10001;

    /** The modules of the runtime: what the services' libraries use, plus TLS, SASL/Kerberos, JFR and jcmd. */
    static final List<String> MODULES = List.of(
            "java.base", "java.compiler", "java.datatransfer", "java.desktop", "java.instrument",
            "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs",
            "java.rmi", "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql",
            "java.transaction.xa", "java.xml", "java.xml.crypto",
            "jdk.attach", "jdk.charsets", "jdk.crypto.cryptoki", "jdk.crypto.ec", "jdk.jcmd", "jdk.jfr",
            "jdk.localedata", "jdk.management", "jdk.management.jfr", "jdk.naming.dns", "jdk.net",
            "jdk.security.auth", "jdk.security.jgss", "jdk.unsupported", "jdk.zipfs");

    /**
     * java.desktop is in for java.beans (Hibernate, Jackson, SnakeYAML, Micrometer use it); its native
     * AWT, imaging, font and sound libraries are left out, and with them X11, FreeType and HarfBuzz.
     */
    static final String EXCLUDED_NATIVES =
            "**/libawt*.so,**/libjawt.so,**/libsplashscreen.so,**/libfontmanager.so,**/libjavajpeg.so,"
                    + "**/liblcms.so,**/libmlib_image.so,**/libjsound.so";

    /** Loaded by glibc with dlopen (thread cancellation and unwinding), so ldd does not list it. */
    static final List<String> DLOPENED = List.of("libgcc_s.so.1");

    private static final String RECIPE = "7";
    private static final Pattern LDD_LINE =
            Pattern.compile("^\\s*(?:(\\S+)\\s+=>\\s+)?(\\S+?)?\\s*(?:\\(0x[0-9a-f]+\\))?$");

    private final Path rootfs;
    private final Map<String, String> packages;

    private BaseImage(Path rootfs, Map<String, String> packages) {
        this.rootfs = rootfs;
        this.packages = packages;
    }

    /** The file tree of the base: /opt/java, the libraries, /etc, /tmp, /deployments, /var/lib/dpkg/status.d. */
    public Path rootfs() {
        return rootfs;
    }

    /** Debian package to version, for the files copied from the build machine (and the JDK's jmods). */
    public Map<String, String> packages() {
        return packages;
    }

    /** The runtime's version as its {@code release} file says, e.g. {@code 17.0.15+6-Debian-1deb12u1}. */
    public String javaVersion() {
        return release().getOrDefault("JAVA_RUNTIME_VERSION", release().getOrDefault("JAVA_VERSION", "?"));
    }

    private Map<String, String> release() {
        Map<String, String> values = new TreeMap<>();
        for (String line : read(rootfs.resolve("opt/java/release")).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
            }
        }
        return values;
    }

    /** The base in {@code dir/rootfs}, made from {@code jdk} unless an identical one is already there. */
    public static BaseImage prepare(Path jdk, Path dir) throws IOException, InterruptedException {
        dir = dir.toAbsolutePath().normalize();
        Path rootfs = dir.resolve("rootfs");
        Path stamp = dir.resolve("stamp");
        Path packagesFile = dir.resolve("packages");
        String wanted = "recipe " + RECIPE + "\njdk " + jdk.toRealPath() + "\n" + read(jdk.resolve("release"))
                + "\nmodules " + MODULES + "\n";
        if (Files.isRegularFile(stamp) && read(stamp).equals(wanted) && Files.isRegularFile(packagesFile)) {
            Map<String, String> made = parsePackages(read(packagesFile));
            if (made.equals(installedVersions(made.keySet()))) {
                return new BaseImage(rootfs, made);
            }
            // apt-get upgraded glibc, zlib, the JDK, ...: make the base again
        }
        deleteTree(dir);
        Files.createDirectories(dir);

        Path java = rootfs.resolve("opt/java");
        run(List.of(jdk.resolve("bin/jlink").toString(),
                "--add-modules", String.join(",", MODULES),
                "--exclude-files=" + EXCLUDED_NATIVES,
                "--strip-debug", "--no-header-files", "--no-man-pages", "--generate-cds-archive",
                "--output", java.toString()));

        // The CDS archive for heaps over 32 GB (no compressed oops): no service runs with one; such a JVM
        // only starts a little slower.
        Files.deleteIfExists(java.resolve("lib/server/classes_nocoops.jsa"));

        Map<String, String> owners = new TreeMap<>();
        owners.put(jdk.resolve("jmods/java.base.jmod").toString(), "");
        for (Path lib : sharedLibraries(java)) {
            Path target = rootfs.resolve(lib.toString().substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(lib.toRealPath(), target);
            owners.put(lib.toString(), "");
        }

        // The CA certificates of Debian's ca-certificates-java, read by TLS to Kafka, PostgreSQL, Keycloak.
        Path cacerts = Path.of("/etc/ssl/certs/java/cacerts");
        if (Files.isReadable(cacerts)) {
            Path target = java.resolve("lib/security/cacerts");
            Files.deleteIfExists(target);
            Files.copy(cacerts.toRealPath(), target);
            // made by ca-certificates-java's postinst from ca-certificates, so dpkg names no owner
            owners.put(cacerts.toString(), "ca-certificates-java");
            owners.put("/usr/share/ca-certificates", "");
        }

        // C.UTF-8 (libc-bin): with LANG=C.UTF-8 the JVM's default charset and file-name encoding are UTF-8.
        // glibc builds in only C/POSIX; without these files the JVM falls back to ASCII.
        Path locale = Path.of("/usr/lib/locale/C.utf8");
        if (Files.isDirectory(locale)) {
            copyTree(locale, rootfs.resolve("usr/lib/locale/C.utf8"));
            owners.put(locale.toString(), "");
        } else {
            throw new IllegalStateException(locale + " is missing (Debian package libc-bin)");
        }

        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "switchboard:x:" + UID + ":" + UID + ":Switchboard:/tmp:/nonexistent\n");
        Files.writeString(etc.resolve("group"), "switchboard:x:" + UID + ":\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        for (String name : List.of("os-release", "debian_version")) {
            Path file = Path.of("/etc", name);
            if (Files.isReadable(file)) {
                Files.copy(file.toRealPath(), etc.resolve(name));
            }
        }
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.createDirectories(rootfs.resolve("deployments"));

        Map<String, String> packages = recordPackages(owners, rootfs.resolve("var/lib/dpkg/status.d"));
        StringBuilder list = new StringBuilder();
        packages.forEach((name, version) -> list.append(name).append(' ').append(version).append('\n'));
        Files.writeString(packagesFile, list.toString());
        Files.writeString(stamp, wanted);
        return new BaseImage(rootfs, packages);
    }

    /** What ldd lists for the runtime's launchers and native libraries, outside the runtime itself. */
    static Set<Path> sharedLibraries(Path java) throws IOException, InterruptedException {
        java = java.toAbsolutePath().normalize();
        List<Path> elves = new ArrayList<>();
        try (Stream<Path> files = Files.walk(java)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".so") || f.getParent().endsWith("bin"))
                    .sorted()
                    .forEach(elves::add);
        }
        Set<String> ownLibraries = new TreeSet<>();
        elves.forEach(f -> ownLibraries.add(f.getFileName().toString()));
        Set<Path> libraries = new TreeSet<>();
        for (Path elf : elves) {
            for (String line : run(List.of("ldd", elf.toString())).split("\n")) {
                if (line.contains("linux-vdso") || line.isBlank()) {
                    continue;
                }
                if (line.contains("not found")) {
                    String name = line.trim().split("\\s+")[0];
                    if (!ownLibraries.contains(name)) {
                        throw new IllegalStateException("ldd " + elf + ": " + name + " not found");
                    }
                    continue;
                }
                Matcher m = LDD_LINE.matcher(line);
                if (m.matches() && m.group(2) != null && m.group(2).startsWith("/")) {
                    Path lib = Path.of(m.group(2)).normalize();
                    if (!lib.startsWith(java)) {
                        libraries.add(lib);
                    }
                }
            }
        }
        if (libraries.isEmpty()) {
            throw new IllegalStateException("ldd listed no libraries for " + java);
        }
        Path libc = libraries.stream().filter(l -> l.getFileName().toString().startsWith("libc.so"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no libc in ldd's output"));
        for (String name : DLOPENED) {
            Path lib = libc.resolveSibling(name);
            if (Files.exists(lib)) {
                libraries.add(lib);
            }
        }
        return libraries;
    }

    /**
     * Writes the dpkg status stanza of each file's package (or of the package named beside it, when dpkg
     * knows no owner) into status.d; returns package to version.
     */
    private static Map<String, String> recordPackages(Map<String, String> files, Path statusDir)
            throws IOException, InterruptedException {
        Map<String, String> packages = new TreeMap<>();
        Files.createDirectories(statusDir);
        for (Map.Entry<String, String> file : files.entrySet()) {
            String owner = dpkgOwner(file.getKey());
            if (owner == null && !file.getValue().isEmpty()) {
                owner = file.getValue();
            }
            if (owner == null || packages.containsKey(owner)) {
                continue;
            }
            String stanza;
            String version;
            try {
                stanza = run(List.of("dpkg-query", "-s", owner));
                version = run(List.of("dpkg-query", "-W", "-f=${Version}", owner)).trim();
            } catch (IllegalStateException notInstalled) {
                continue;
            }
            packages.put(owner, version);
            Files.writeString(statusDir.resolve(owner.replace(':', '_')), stanza.strip() + "\n");
        }
        return packages;
    }

    private static Map<String, String> installedVersions(Set<String> packages) throws InterruptedException {
        Map<String, String> versions = new TreeMap<>();
        for (String name : packages) {
            try {
                versions.put(name, run(List.of("dpkg-query", "-W", "-f=${Version}", name)).trim());
            } catch (IOException | IllegalStateException e) {
                versions.put(name, "not installed");
            }
        }
        return versions;
    }

    private static String dpkgOwner(String file) throws InterruptedException {
        for (String candidate : List.of(file, realPath(file))) {
            try {
                String out = run(List.of("dpkg-query", "-S", candidate));
                String first = out.split("\n")[0];
                int colon = first.indexOf(": ");
                if (colon > 0) {
                    return first.substring(0, colon).split(",")[0].trim();
                }
            } catch (IOException | IllegalStateException e) {
                // not in the dpkg database under this name; try the real path
            }
        }
        return null;
    }

    private static String realPath(String file) {
        try {
            return Path.of(file).toRealPath().toString();
        } catch (IOException e) {
            return file;
        }
    }

    private static Map<String, String> parsePackages(String text) {
        Map<String, String> packages = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ", 2);
            if (parts.length == 2) {
                packages.put(parts[0], parts[1]);
            }
        }
        return packages;
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p.toRealPath(), target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
