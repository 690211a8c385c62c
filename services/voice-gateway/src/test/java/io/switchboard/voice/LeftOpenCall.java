package io.switchboard.voice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** What a crashed gateway leaves behind: a call's contact still in the journal when the next run starts. */
public class LeftOpenCall implements QuarkusTestResourceLifecycleManager {

    static final String CONTACT_ID = UUID.randomUUID().toString();
    static final Path JOURNAL = Path.of("target/voice-journal");

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(JOURNAL);
            Files.createFile(JOURNAL.resolve(CONTACT_ID + "~acme-bank"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // The gateway removes the entry itself once it ended the contact.
    }
}
