package io.switchboard.fax.domain;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Real fax documents made for the tests: A4 PDFs written with PDFBox and multi-page TIFFs written with javax.imageio. */
public final class FaxDocuments {

    private FaxDocuments() {
    }

    public static byte[] pdf(int pages) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 24);
                    text.newLineAtOffset(72, 700);
                    text.showText("Purchase order, page " + i);
                    text.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bilevel TIFF compressed as fax machines do (CCITT Group 4), at half the width of a fine-mode fax page. */
    public static byte[] tiff(int pages) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int i = 1; i <= pages; i++) {
                BufferedImage page = new BufferedImage(864, 1100, BufferedImage.TYPE_BYTE_BINARY);
                Graphics2D g = page.createGraphics();
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, 864, 1100);
                g.setColor(Color.BLACK);
                g.drawString("Delivery note, page " + i, 60, 100);
                g.fillRect(60, 120, 500, 4);
                g.dispose();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("CCITT T.6");
                writer.writeToSequence(new IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
