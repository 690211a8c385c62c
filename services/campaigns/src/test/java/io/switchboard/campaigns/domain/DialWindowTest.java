package io.switchboard.campaigns.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class DialWindowTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void hoursAndDaysAreTheCallees() {
        DialWindow weekdays = new DialWindow(LocalTime.of(8, 0), LocalTime.of(21, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        // Friday 22:30 UTC: closed in London, Saturday 07:30 in Tokyo (closed on both counts), Friday 17:30 in New York.
        Instant friday = Instant.parse("2026-12-11T22:30:00Z");
        assertThat(weekdays.allows("+447911100001", friday, LONDON)).isFalse();
        assertThat(weekdays.allows("+81312345678", friday, LONDON)).isFalse();
        assertThat(weekdays.allows("+12125550123", friday, LONDON)).isTrue();
        // Saturday 12:00 UTC: open hours in London, but not a calling day.
        assertThat(weekdays.allows("+447911100001", Instant.parse("2026-12-12T12:00:00Z"), LONDON)).isFalse();
        assertThat(DialWindow.DEFAULT.allows("+447911100001", Instant.parse("2026-12-12T12:00:00Z"), LONDON)).isTrue();
    }
}
