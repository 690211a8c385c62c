package io.switchboard.fax;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.architecture.LayeredArchitecture;

/**
 * The fax channel's layering: the shared rules of {@link LayeredArchitecture}. Deciding what a
 * document is (PDFBox for PDF, javax.imageio for TIFF and the PNG thumbnail) is the domain's own
 * logic, so those two are allowed there; MIME parsing and SMTP stay in the api adapter.
 */
class ArchitectureTest {

    @Test
    void followsTheSharedLayering() {
        LayeredArchitecture.of("io.switchboard.fax")
                .allowingInDomain("org.apache.pdfbox..", "javax.imageio..")
                .check();
    }
}
