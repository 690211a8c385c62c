package io.switchboard.reporting.domain;

import java.time.ZoneId;
import java.util.List;

/** The figures the report API reads, for the scheduled reports (the port {@code persistence} implements). */
public interface ReportSource {

    /** The tenant's time zone (UTC until its configuration arrives). */
    ZoneId timeZone(String tenantId);

    /** The rows of one tenant's report, read by the same query as the API's. */
    List<ReportRow> rows(ReportQuery query);
}
