package io.switchboard.admin.domain.planner;

import java.time.LocalTime;
import java.util.List;

/**
 * A day's forecast for one queue: contacts per interval, the handle time, the service-level target
 * and the shrinkage (breaks, training, absence) that turns agents on the phones into agents scheduled.
 *
 * @param patienceSeconds the callers' average patience; when given, Erlang A (with abandonment) is used instead of Erlang C
 */
public record StaffingRequest(int intervalMinutes, List<Interval> intervals, double handleSeconds, int serviceLevelSeconds,
        double serviceLevelPercent, double shrinkagePercent, Double patienceSeconds) {

    public record Interval(LocalTime start, double contacts) {
    }
}
