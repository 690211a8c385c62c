package io.switchboard.campaigns.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.switchboard.dialer.engine.CallingWindow;

/**
 * A campaign's calling hours in the callee's local time: {@code from} until before {@code until} on
 * {@code days}. The hours come from the engine's {@link CallingWindow} (every zone of the number must be
 * inside them); the day must be one of {@code days} in every zone too.
 */
public record DialWindow(LocalTime from, LocalTime until, Set<DayOfWeek> days) {

    public static final DialWindow DEFAULT = new DialWindow(LocalTime.of(8, 0), LocalTime.of(21, 0), EnumSet.allOf(DayOfWeek.class));

    public DialWindow {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("a calling window opens before it closes");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a calling window is open on at least one day");
        }
        days = Set.copyOf(days);
    }

    public boolean allows(String e164, Instant now, ZoneId fallback) {
        if (!new CallingWindow(from, until).allows(e164, now, fallback)) {
            return false;
        }
        List<ZoneId> zones = CallingWindow.zonesOf(e164);
        for (ZoneId zone : zones.isEmpty() ? List.of(fallback) : zones) {
            if (!days.contains(now.atZone(zone).getDayOfWeek())) {
                return false;
            }
        }
        return true;
    }
}
