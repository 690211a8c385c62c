package io.switchboard.reporting.export;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.reporting.domain.Attachment;
import io.switchboard.reporting.domain.ReportRenderer;
import io.switchboard.reporting.domain.ScheduledReport;

/** Renders a scheduled report as the file its schedule asks for: a PDF, or the API's XLSX export with a sheet per view. */
@ApplicationScoped
public class ReportDocuments implements ReportRenderer {

    @Override
    public Attachment render(ScheduledReport report) {
        byte[] data = switch (report.schedule().format()) {
            case PDF -> PdfReport.render(report);
            case XLSX -> ReportFormats.xlsx(report.tables().stream()
                    .map(t -> new ReportFormats.SheetData(t.dimension().slug() + "s", Column.of(t.dimension()), t.rows()))
                    .toList());
        };
        return new Attachment(report.filename(), report.schedule().format().contentType(), data);
    }
}
