package io.switchboard.voice.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.port.CallJournal;

/**
 * The contacts whose calls are in progress on this instance, one empty file each
 * ({@code <contact id>~<tenant id>}, both URL-encoded), written when the contact is published and removed once its end
 * is. Calls cannot outlive the process that holds their sockets, but their contacts must not stay
 * open for ever after a crash: a restarted gateway ends what it finds here.
 */
@ApplicationScoped
public class OpenCallJournal implements CallJournal {

    /** A contact a previous run left open. */
    public record Entry(String contactId, String tenantId) {
    }

    private static final Logger LOG = Logger.getLogger(OpenCallJournal.class);
    /** URL encoding always encodes '~', so it cannot occur inside either id. */
    private static final char SEPARATOR = '~';

    private final Path dir;
    private final List<Entry> leftByPreviousRun;

    @Inject
    public OpenCallJournal(VoiceConfig config) {
        this(Path.of(config.journalDir()));
    }

    public OpenCallJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("the open-call journal " + dir + " cannot be created", e);
        }
        // Read before this run can journal its first call.
        this.leftByPreviousRun = list();
    }

    /** The contacts the previous run of the gateway left open. */
    public List<Entry> leftByPreviousRun() {
        return leftByPreviousRun;
    }

    @Override
    public void opened(String contactId, String tenantId) {
        try {
            Files.createFile(file(new Entry(contactId, tenantId)));
        } catch (FileAlreadyExistsException again) {
            // A redelivered publish of the same contact.
        } catch (IOException e) {
            // A full or read-only disk must not drop calls; only a crash would then leave this contact open.
            LOG.warnf("contact %s not journalled: %s", contactId, e.getMessage());
        }
    }

    @Override
    public void closed(String contactId, String tenantId) {
        try {
            Files.deleteIfExists(file(new Entry(contactId, tenantId)));
        } catch (IOException e) {
            LOG.warnf("contact %s not removed from the journal (a restart will end it again, harmlessly): %s", contactId,
                    e.getMessage());
        }
    }

    private List<Entry> list() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.indexOf(SEPARATOR) > 0)
                    .map(name -> new Entry(decode(name.substring(0, name.indexOf(SEPARATOR))),
                            decode(name.substring(name.indexOf(SEPARATOR) + 1))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids arrive in events: encoded, no id can name a path outside the journal (a '/' never survives encoding). */
    private Path file(Entry entry) {
        return dir.resolve(encode(entry.contactId()) + SEPARATOR + encode(entry.tenantId()));
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String decode(String name) {
        return URLDecoder.decode(name, StandardCharsets.UTF_8);
    }
}
