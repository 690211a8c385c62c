package io.switchboard.reporting.persistence;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.switchboard.reporting.domain.Delivery;
import io.switchboard.reporting.domain.DeliveryStatus;
import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.Frequency;
import io.switchboard.reporting.domain.Granularity;
import io.switchboard.reporting.domain.ReportFormat;
import io.switchboard.reporting.domain.ReportPeriod;
import io.switchboard.reporting.domain.ReportSchedule;
import io.vertx.mutiny.sqlclient.Row;

/** Rows of {@code report_schedule} and {@code report_delivery} as domain values. */
final class ScheduleRows {

    static final String SCHEDULE_COLUMNS = "s.id, s.tenant_id, s.name, s.frequency, s.weekday, s.send_at, s.views, s.granularity,"
            + " s.format, s.recipients, s.effective_from";
    static final String DELIVERY_COLUMNS = "d.schedule_id, d.period_start, d.period_end, d.due_at, d.status, d.attempts,"
            + " d.next_attempt_at, d.last_error, d.sent_at, d.updated_at";

    private ScheduleRows() {
    }

    static ReportSchedule schedule(Row row) {
        Short weekday = row.getShort("weekday");
        List<Dimension> views = Arrays.stream(row.getArrayOfStrings("views")).map(Dimension::valueOf).toList();
        return new ReportSchedule(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"),
                Frequency.valueOf(row.getString("frequency")), weekday == null ? null : DayOfWeek.of(weekday),
                row.getLocalTime("send_at"), views, Granularity.valueOf(row.getString("granularity").toUpperCase(Locale.ROOT)),
                ReportFormat.valueOf(row.getString("format")), List.of(row.getArrayOfStrings("recipients")),
                Sql.instant(row.getOffsetDateTime("effective_from")));
    }

    static Delivery delivery(Row row) {
        return new Delivery(row.getUUID("schedule_id"), new ReportPeriod(row.getLocalDate("period_start"), row.getLocalDate("period_end")),
                Sql.instant(row.getOffsetDateTime("due_at")), DeliveryStatus.valueOf(row.getString("status")),
                row.getInteger("attempts"), Sql.instant(row.getOffsetDateTime("next_attempt_at")), row.getString("last_error"),
                Sql.instant(row.getOffsetDateTime("sent_at")), Sql.instant(row.getOffsetDateTime("updated_at")));
    }
}
