package io.switchboard.admin.domain.planner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's forecast from observed traffic: for each interval of {@code date}, the average of the
 * contacts that arrived in the same interval on the same weekday of the previous {@code weeks}
 * weeks, in the tenant's time zone (the usual naive forecast of workforce planning, before trend and
 * special days).
 */
public final class ArrivalForecast {

    private ArrivalForecast() {
    }

    /** The instants the forecast reads: from {@code weeks} weeks before {@code date} until {@code date} starts. */
    public static Instant from(LocalDate date, int weeks, ZoneId zone) {
        return date.minusWeeks(weeks).atStartOfDay(zone).toInstant();
    }

    public static Instant to(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    public static List<StaffingRequest.Interval> forecast(List<Instant> arrivals, LocalDate date, int weeks, int intervalMinutes,
            ZoneId zone) {
        if (weeks < 1 || weeks > 52) {
            throw new IllegalArgumentException("weeks must be from 1 to 52");
        }
        int slots = 24 * 60 / intervalMinutes;
        int[] counts = new int[slots];
        for (Instant arrival : arrivals) {
            ZonedDateTime local = arrival.atZone(zone);
            LocalDate day = local.toLocalDate();
            if (day.getDayOfWeek() == date.getDayOfWeek() && day.isBefore(date) && !day.isBefore(date.minusWeeks(weeks))) {
                counts[(local.getHour() * 60 + local.getMinute()) / intervalMinutes]++;
            }
        }
        List<StaffingRequest.Interval> intervals = new ArrayList<>(slots);
        for (int slot = 0; slot < slots; slot++) {
            intervals.add(new StaffingRequest.Interval(LocalTime.MIDNIGHT.plusMinutes((long) slot * intervalMinutes),
                    (double) counts[slot] / weeks));
        }
        return intervals;
    }
}
