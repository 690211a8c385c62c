package io.switchboard.fax.domain;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Decides what a received document is from its content alone: the magic bytes name the format, and
 * the whole document must then parse as that format (PDFBox for PDF, javax.imageio for TIFF), have at
 * least one page and at most {@code maxPages}, and render its first page, which becomes a PNG
 * thumbnail {@value #THUMBNAIL_WIDTH} px wide (PDF rendered at 72 dpi). A declared content type is
 * never believed. Pages too large to render (a decompression bomb, a 10 m poster) are refused rather
 * than rendered.
 */
public final class DocumentCheck {

    public static final int THUMBNAIL_WIDTH = 200;
    /** Fax pages are A4 or Letter at up to 400 dpi (about 3,500 x 4,700 pixels); anything far above is not a fax. */
    static final long MAX_PIXELS = 40_000_000L;
    /** 72 dpi over a page of 5 m square: larger "pages" are refused instead of rendered. */
    static final float MAX_PAGE_POINTS = 14_400f;
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] TIFF_LITTLE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BIG = {'M', 'M', 0, 42};

    private final int maxPages;

    public DocumentCheck(int maxPages) {
        this.maxPages = maxPages;
    }

    public CheckedDocument check(byte[] data) throws InvalidDocumentException {
        if (data == null || data.length == 0) {
            throw new InvalidDocumentException("the document is empty");
        }
        DocumentKind kind = kindOf(data);
        try {
            return kind == DocumentKind.PDF ? pdf(data) : tiff(data);
        } catch (OutOfMemoryError e) {
            throw new InvalidDocumentException("the " + kind + " document is too large to render");
        }
    }

    /** The format the first bytes name; anything else is refused before any parser sees it. */
    static DocumentKind kindOf(byte[] data) throws InvalidDocumentException {
        if (startsWith(data, PDF_MAGIC)) {
            return DocumentKind.PDF;
        }
        if (startsWith(data, TIFF_LITTLE) || startsWith(data, TIFF_BIG)) {
            return DocumentKind.TIFF;
        }
        throw new InvalidDocumentException("the document is neither a PDF nor a TIFF (its first bytes are not %PDF- or a TIFF header)");
    }

    private CheckedDocument pdf(byte[] data) throws InvalidDocumentException {
        try (PDDocument document = Loader.loadPDF(data)) {
            int pages = document.getNumberOfPages();
            checkPages(pages, "PDF");
            PDRectangle box = document.getPage(0).getCropBox();
            if (box.getWidth() <= 0 || box.getHeight() <= 0 || box.getWidth() > MAX_PAGE_POINTS || box.getHeight() > MAX_PAGE_POINTS) {
                throw new InvalidDocumentException("the PDF's first page measures " + box.getWidth() + " x " + box.getHeight()
                        + " points, not a fax page");
            }
            BufferedImage first = new PDFRenderer(document).renderImageWithDPI(0, 72, ImageType.RGB);
            return new CheckedDocument(DocumentKind.PDF, pages, data, thumbnail(first));
        } catch (InvalidPasswordException e) {
            throw new InvalidDocumentException("the PDF is encrypted with a password");
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("the PDF cannot be read: " + reason(e));
        }
    }

    private CheckedDocument tiff(byte[] data) throws InvalidDocumentException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
            if (!readers.hasNext()) {
                throw new IllegalStateException("this Java runtime has no TIFF reader (Java 9 and later have one)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                int pages = reader.getNumImages(true);
                checkPages(pages, "TIFF");
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new InvalidDocumentException("the TIFF's first page has " + reader.getWidth(0) + " x " + reader.getHeight(0)
                            + " pixels, not a fax page");
                }
                BufferedImage first = reader.read(0);
                return new CheckedDocument(DocumentKind.TIFF, pages, data, thumbnail(first));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("the TIFF cannot be read: " + reason(e));
        }
    }

    private void checkPages(int pages, String kind) throws InvalidDocumentException {
        if (pages < 1) {
            throw new InvalidDocumentException("the " + kind + " has no page");
        }
        if (pages > maxPages) {
            throw new InvalidDocumentException("the " + kind + " has " + pages + " pages; at most " + maxPages + " are accepted");
        }
    }

    static byte[] thumbnail(BufferedImage page) throws IOException {
        int height = Math.max(1, Math.round((float) page.getHeight() * THUMBNAIL_WIDTH / page.getWidth()));
        BufferedImage small = new BufferedImage(THUMBNAIL_WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(page, 0, 0, THUMBNAIL_WIDTH, height, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(small, "png", png);
        return png.toByteArray();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
