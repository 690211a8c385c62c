package io.switchboard.reporting.domain;

import java.util.List;

/** A scheduled report as a mail to the tenant's client contacts. */
public record ReportMail(List<String> to, String subject, String text, Attachment attachment) {

    public ReportMail {
        to = List.copyOf(to);
    }
}
