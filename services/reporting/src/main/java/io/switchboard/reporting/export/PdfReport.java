package io.switchboard.reporting.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import io.switchboard.reporting.domain.ReportRow;
import io.switchboard.reporting.domain.ScheduledReport;

/**
 * A scheduled report as a PDF: a title with the tenant, the period and the time zone, then each view's figures
 * as tables on landscape A4. A view has more columns than a page is wide, so its figures come in parts of
 * {@link #FIGURES_PER_PART} columns, each part repeating the row's start and key; a part longer than a page goes
 * on over the next pages with its header repeated. The columns are the API's ({@link Column}).
 */
final class PdfReport {

    static final int FIGURES_PER_PART = 9;
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float LINE = 11;
    private static final float SIZE = 7;
    private static final float PADDING = 6;
    private static final float START_WIDTH = 100;
    private static final float KEY_WIDTH = 90;

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDDocument document = new PDDocument();
    private PDPageContentStream page;
    private float y;

    private PdfReport() {
    }

    static byte[] render(ScheduledReport report) {
        try {
            return new PdfReport().write(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write(ScheduledReport report) throws IOException {
        try (document) {
            newPage();
            text(bold, 16, MARGIN, "Switchboard report: " + report.tenantId());
            y -= 22;
            text(regular, 10, MARGIN, capitalised(report.schedule().frequency().slug()) + " report for " + report.periodLabel()
                    + " (" + report.period().from() + " to " + report.period().lastDay() + " inclusive), local days in "
                    + report.zone().getId());
            y -= 14;
            String name = report.schedule().name() == null || report.schedule().name().isBlank() ? ""
                    : "Schedule \"" + report.schedule().name() + "\"; ";
            text(regular, 10, MARGIN, name + "rows per " + report.schedule().granularity().slug()
                    + "; shares are 0 to 1, times in seconds, '-' where a rate has nothing to divide by.");
            y -= 20;
            for (ScheduledReport.Table table : report.tables()) {
                table(table);
            }
            page.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private void table(ScheduledReport.Table table) throws IOException {
        List<Column> columns = Column.of(table.dimension());
        String title = capitalised(table.dimension().slug()) + "s";
        if (table.rows().isEmpty()) {
            room(3);
            text(bold, 11, MARGIN, title);
            y -= 14;
            text(regular, SIZE + 2, MARGIN, "No rows: nothing was counted for " + table.dimension().slug() + "s in this period.");
            y -= 20;
            return;
        }
        List<Column> figures = columns.subList(2, columns.size());
        int parts = (figures.size() + FIGURES_PER_PART - 1) / FIGURES_PER_PART;
        for (int part = 0; part < parts; part++) {
            List<Column> shown = new ArrayList<>(columns.subList(0, 2));
            shown.addAll(figures.subList(part * FIGURES_PER_PART, Math.min(figures.size(), (part + 1) * FIGURES_PER_PART)));
            String heading = title + " (part " + (part + 1) + " of " + parts + ")";
            room(4);
            header(heading, shown);
            for (ReportRow row : table.rows()) {
                if (y - LINE < MARGIN) {
                    newPage();
                    header(heading + ", continued", shown);
                }
                row(shown, row);
            }
            y -= 12;
        }
    }

    private void header(String heading, List<Column> shown) throws IOException {
        text(bold, 11, MARGIN, heading);
        y -= 14;
        float x = MARGIN;
        for (int i = 0; i < shown.size(); i++) {
            cell(bold, shown.get(i).name(), x, width(i, shown.size()), i >= 2);
            x += width(i, shown.size());
        }
        y -= 3;
        page.setLineWidth(0.5f);
        page.moveTo(MARGIN, y);
        page.lineTo(PAGE.getWidth() - MARGIN, y);
        page.stroke();
        y -= LINE - 2;
    }

    private void row(List<Column> shown, ReportRow row) throws IOException {
        float x = MARGIN;
        for (int i = 0; i < shown.size(); i++) {
            cell(regular, value(shown.get(i).value().apply(row)), x, width(i, shown.size()), i >= 2);
            x += width(i, shown.size());
        }
        y -= LINE;
    }

    private static float width(int column, int count) {
        if (column == 0) {
            return START_WIDTH;
        }
        if (column == 1) {
            return KEY_WIDTH;
        }
        return (PAGE.getWidth() - 2 * MARGIN - START_WIDTH - KEY_WIDTH) / FIGURES_PER_PART;
    }

    /** A cell's text in its column, shrunk to fit; figures right-aligned. */
    private void cell(PDType1Font font, String value, float x, float width, boolean rightAligned) throws IOException {
        String text = encodable(font, value);
        float room = width - PADDING;
        float size = SIZE;
        float textWidth = font.getStringWidth(text) / 1000 * size;
        if (textWidth > room) {
            size = size * room / textWidth;
            textWidth = room;
        }
        float at = rightAligned ? x + width - PADDING / 2 - textWidth : x;
        text(font, size, at, text);
    }

    private void text(PDType1Font font, float size, float x, String value) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, y);
        page.showText(encodable(font, value));
        page.endText();
    }

    /** Leaves at least {@code lines} lines on the page, else starts the next. */
    private void room(int lines) throws IOException {
        if (y - lines * LINE < MARGIN) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PAGE);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        y = PAGE.getHeight() - MARGIN - 10;
    }

    /** Numbers as the CSV writes them but decimals to 3 places; an empty rate is '-'. */
    static String value(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** The standard fonts cover Windows-1252 only: anything else shows as '?'. */
    private static String encodable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
