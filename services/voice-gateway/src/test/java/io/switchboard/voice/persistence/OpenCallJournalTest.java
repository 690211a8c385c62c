package io.switchboard.voice.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCallJournalTest {

    @TempDir
    Path dir;

    @Test
    void whatOneRunLeavesOpenTheNextFinds() {
        OpenCallJournal crashed = new OpenCallJournal(dir);
        crashed.opened("c-1", "acme-bank");
        crashed.opened("c-2", "globex");
        crashed.opened("c-2", "globex");
        crashed.closed("c-1", "acme-bank");
        assertThat(crashed.leftByPreviousRun()).isEmpty();

        assertThat(new OpenCallJournal(dir).leftByPreviousRun()).containsExactly(new OpenCallJournal.Entry("c-2", "globex"));
    }

    @Test
    void idsFromEventsNeverNameAFileOutsideTheJournal() throws Exception {
        Path journal = Files.createDirectories(dir.resolve("journal"));
        new OpenCallJournal(journal).opened("../../escape", "acme/../bank~x");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(journal);
        }
        assertThat(new OpenCallJournal(journal).leftByPreviousRun())
                .containsExactly(new OpenCallJournal.Entry("../../escape", "acme/../bank~x"));
    }
}
