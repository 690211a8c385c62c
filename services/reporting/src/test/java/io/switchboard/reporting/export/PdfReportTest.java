package io.switchboard.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.Figures;
import io.switchboard.reporting.domain.Frequency;
import io.switchboard.reporting.domain.Granularity;
import io.switchboard.reporting.domain.ReportFormat;
import io.switchboard.reporting.domain.ReportPeriod;
import io.switchboard.reporting.domain.ReportRow;
import io.switchboard.reporting.domain.ReportSchedule;
import io.switchboard.reporting.domain.ScheduledReport;

/** A long table goes on over pages with its header repeated, and every row's figures are there. */
class PdfReportTest {

    @Test
    void aLongTableIsPaginatedWithEveryRowOnSomePage() throws IOException {
        ReportSchedule schedule = new ReportSchedule(UUID.randomUUID(), "acme-bank", "", Frequency.DAILY, null, LocalTime.of(7, 0),
                List.of(Dimension.QUEUE), Granularity.INTERVAL, ReportFormat.PDF, List.of("ops@acme-client.example"),
                Instant.parse("2026-12-01T00:00:00Z"));
        List<ReportRow> rows = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            // offered 1000 + i, answered i: each row's figures are its own.
            Figures f = new Figures(1000 + i, i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            rows.add(new ReportRow(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(900L * i).atOffset(ZoneOffset.UTC), "q-" + i, f, null));
        }
        ScheduledReport report = new ScheduledReport(schedule, new ReportPeriod(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02")),
                ZoneId.of("UTC"), List.of(new ScheduledReport.Table(Dimension.QUEUE, rows)));

        byte[] pdf = PdfReport.render(report);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            // 3 parts of 96 rows at about 45 rows a page.
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(6);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(document);
            assertThat(text).contains("Queues (part 1 of 3), continued").contains("Queues (part 3 of 3)");
            for (int i = 0; i < 96; i++) {
                String start = rows.get(i).start().toString();
                assertThat(text).contains(start + " q-" + i + " " + (1000 + i) + " " + i + " 0 0 0 " + (i == 0 ? "-" : "0") + " 0 ");
            }
        }
    }
}
