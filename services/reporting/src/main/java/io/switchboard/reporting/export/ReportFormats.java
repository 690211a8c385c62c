package io.switchboard.reporting.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import io.switchboard.reporting.domain.ReportRow;

/** A report's rows as JSON objects, CSV (RFC 4180) or an XLSX sheet, all with the same {@link Column}s. */
public final class ReportFormats {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ReportFormats() {
    }

    public static List<Map<String, Object>> json(List<Column> columns, List<ReportRow> rows) {
        return rows.stream().map(row -> {
            Map<String, Object> object = new LinkedHashMap<>();
            columns.forEach(c -> object.put(c.name(), c.value().apply(row)));
            return object;
        }).toList();
    }

    public static String csv(List<Column> columns, List<ReportRow> rows) {
        StringBuilder text = new StringBuilder();
        text.append(String.join(",", columns.stream().map(c -> quote(c.name())).toList())).append("\r\n");
        for (ReportRow row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(cell(columns.get(i).value().apply(row)));
            }
            text.append("\r\n");
        }
        return text.toString();
    }

    /** One sheet of a workbook: its name, columns and rows. */
    public record SheetData(String name, List<Column> columns, List<ReportRow> rows) {
    }

    public static byte[] xlsx(String sheetName, List<Column> columns, List<ReportRow> rows) {
        return xlsx(List.of(new SheetData(sheetName, columns, rows)));
    }

    /** A workbook with a sheet per view (a scheduled report's), each as the single-sheet export writes it. */
    public static byte[] xlsx(List<SheetData> sheets) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (SheetData data : sheets) {
                write(workbook.createSheet(data.name()), data.columns(), data.rows());
            }
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Sheet sheet, List<Column> columns, List<ReportRow> rows) {
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            header.createCell(i).setCellValue(columns.get(i).name());
        }
        for (int r = 0; r < rows.size(); r++) {
            Row line = sheet.createRow(r + 1);
            for (int i = 0; i < columns.size(); i++) {
                Object value = columns.get(i).value().apply(rows.get(r));
                Cell cell = line.createCell(i);
                if (value instanceof Number number) {
                    cell.setCellValue(number.doubleValue());
                } else if (value != null) {
                    cell.setCellValue(value.toString());
                }
            }
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return quote(value.toString());
    }

    private static String quote(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
