package io.switchboard.fax.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

/** The document check against real documents and hostile ones: nothing but a readable PDF or TIFF passes. */
class DocumentCheckTest {

    private final DocumentCheck check = new DocumentCheck(50);

    @Test
    void aRealPdfIsCountedAndThumbnailed() throws Exception {
        CheckedDocument document = check.check(FaxDocuments.pdf(3));
        assertThat(document.kind()).isEqualTo(DocumentKind.PDF);
        assertThat(document.pages()).isEqualTo(3);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(document.thumbnail()));
        assertThat(thumbnail.getWidth()).isEqualTo(200);
        // A4 is 595 x 842 points: the thumbnail keeps its proportions
        assertThat(thumbnail.getHeight()).isBetween(281, 285);
        assertThat(hasDarkPixel(thumbnail)).as("the first page's text is visible in the thumbnail").isTrue();
    }

    @Test
    void aRealMultiPageTiffIsCountedAndThumbnailed() throws Exception {
        CheckedDocument document = check.check(FaxDocuments.tiff(2));
        assertThat(document.kind()).isEqualTo(DocumentKind.TIFF);
        assertThat(document.pages()).isEqualTo(2);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(document.thumbnail()));
        assertThat(thumbnail.getWidth()).isEqualTo(200);
        assertThat(thumbnail.getHeight()).isEqualTo(255);
    }

    @Test
    void zeroBytesAreRefused() {
        assertThatThrownBy(() -> check.check(new byte[0])).isInstanceOf(InvalidDocumentException.class).hasMessageContaining("empty");
    }

    @Test
    void textRenamedPdfIsRefusedByItsFirstBytes() {
        byte[] text = "Dear sir, please find the order attached.\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> check.check(text)).isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("neither a PDF nor a TIFF");
    }

    @Test
    void aTruncatedPdfIsRefused() {
        byte[] pdf = FaxDocuments.pdf(2);
        for (int length : new int[] {5, 9, 64, pdf.length / 3}) {
            byte[] truncated = Arrays.copyOf(pdf, length);
            assertThatThrownBy(() -> check.check(truncated)).as("%d of %d bytes", length, pdf.length)
                    .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("PDF");
        }
    }

    @Test
    void aPdfHeaderFollowedByGarbageIsRefused() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 9);
        assertThatThrownBy(() -> check.check(garbage)).isInstanceOf(InvalidDocumentException.class).hasMessageContaining("PDF");
    }

    @Test
    void aTiffHeaderWithGarbageIsRefused() {
        for (byte[] header : new byte[][] {{'I', 'I', 42, 0}, {'M', 'M', 0, 42}}) {
            byte[] garbage = new byte[2048];
            new java.util.Random(11).nextBytes(garbage);
            System.arraycopy(header, 0, garbage, 0, 4);
            assertThatThrownBy(() -> check.check(garbage)).isInstanceOf(InvalidDocumentException.class).hasMessageContaining("TIFF");
        }
        assertThatThrownBy(() -> check.check(new byte[] {'I', 'I', 42, 0})).isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void aTruncatedTiffIsRefused() {
        byte[] tiff = FaxDocuments.tiff(1);
        byte[] truncated = Arrays.copyOf(tiff, 16);
        assertThatThrownBy(() -> check.check(truncated)).isInstanceOf(InvalidDocumentException.class).hasMessageContaining("TIFF");
    }

    @Test
    void aPasswordProtectedPdfIsRefused() throws IOException {
        byte[] locked;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            document.protect(policy);
            document.save(out);
            locked = out.toByteArray();
        }
        byte[] document = locked;
        assertThatThrownBy(() -> check.check(document)).isInstanceOf(InvalidDocumentException.class).hasMessageContaining("password");
    }

    @Test
    void tooManyPagesAreRefused() {
        byte[] pdf = FaxDocuments.pdf(3);
        assertThatThrownBy(() -> new DocumentCheck(2).check(pdf)).isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("3 pages; at most 2");
    }

    @Test
    void aPdfWithoutPagesIsRefused() throws IOException {
        byte[] empty;
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.save(out);
            empty = out.toByteArray();
        }
        byte[] document = empty;
        assertThatThrownBy(() -> check.check(document)).isInstanceOf(InvalidDocumentException.class).hasMessageContaining("no page");
    }

    private static boolean hasDarkPixel(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xff) < 128) {
                    return true;
                }
            }
        }
        return false;
    }
}
