package io.switchboard.reporting.domain;

import java.util.Locale;

/** The file a scheduled report is mailed as. */
public enum ReportFormat {
    PDF("application/pdf"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String contentType;

    ReportFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
