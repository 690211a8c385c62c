package io.switchboard.reporting.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A stretch of time an agent had a contact in hand or in wrap-up. */
public record BusyPeriod(Instant start, Instant end) {

    /** What a leg kept its agent busy with: from the assignment to the leg's end, then the wrap-up; nothing while the end is unknown. */
    public static List<BusyPeriod> of(LegReport report) {
        List<BusyPeriod> periods = new ArrayList<>(2);
        Instant end = report.handleEnd();
        if (end != null && end.isAfter(report.leg().assignedAt())) {
            periods.add(new BusyPeriod(report.leg().assignedAt(), end));
        }
        if (end != null && report.wrapStart() != null) {
            periods.add(new BusyPeriod(report.wrapStart(), report.wrapCompletedAt()));
        }
        return periods;
    }
}
