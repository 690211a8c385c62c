package io.switchboard.reporting.domain;

import java.util.List;

/** Every tenant's report schedules (the port {@code persistence} implements). */
public interface ScheduleBook {

    List<ReportSchedule> allSchedules();
}
