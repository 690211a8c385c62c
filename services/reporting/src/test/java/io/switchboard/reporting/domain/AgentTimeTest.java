package io.switchboard.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.AgentStateChanged.State;

/** An agent's time cut at interval boundaries, with several contacts in hand at once. */
class AgentTimeTest {

    private static Instant t(String hms) {
        return Instant.parse("2026-12-01T" + hms + "Z");
    }

    private static StateChange change(String hms, State state) {
        return new StateChange("acme-bank", "carol", t(hms), state, UUID.nameUUIDFromBytes(hms.getBytes()));
    }

    @Test
    void twoChatsAtOnceAreBusyOnceAndAwayTimeIsLoggedInButNotAvailable() {
        // Available 10:05-10:20, away 10:20-10:25, offline from 10:25.
        List<StateChange> changes = List.of(change("10:05:00", State.AVAILABLE), change("10:20:00", State.AWAY),
                change("10:25:00", State.OFFLINE));
        // Two chats overlapping 10:10-10:14 and 10:12-10:18: busy 10:10-10:18 (8 minutes, not 10).
        List<BusyPeriod> busy = List.of(new BusyPeriod(t("10:10:00"), t("10:14:00")), new BusyPeriod(t("10:12:00"), t("10:18:00")));

        Map<Instant, AgentTimeFigures> intervals = AgentTime.intervals(changes, busy, t("10:00:00"), t("10:30:00"));

        assertThat(intervals).containsOnly(
                // 10:05-10:15: 600 s available, busy 10:10-10:15.
                Map.entry(t("10:00:00"), new AgentTimeFigures(600_000, 600_000, 300_000, 300_000)),
                // 10:15-10:25: 300 s available (busy 10:15-10:18), 300 s away.
                Map.entry(t("10:15:00"), new AgentTimeFigures(600_000, 300_000, 180_000, 120_000)));
    }

    @Test
    void aStateWithoutANextChangeIsNotCountedYet() {
        Map<Instant, AgentTimeFigures> intervals = AgentTime.intervals(List.of(change("10:05:00", State.AVAILABLE)), List.of(),
                t("10:00:00"), t("11:00:00"));

        assertThat(intervals).isEmpty();
    }

    @Test
    void busyTimeOutsideTheLoggedInStatesIsNotCounted() {
        List<StateChange> changes = List.of(change("10:00:00", State.OFFLINE), change("10:10:00", State.AVAILABLE),
                change("10:15:00", State.OFFLINE));
        List<BusyPeriod> busy = List.of(new BusyPeriod(t("10:05:00"), t("10:12:00")));

        assertThat(AgentTime.intervals(changes, busy, t("10:00:00"), t("10:15:00")))
                .containsOnly(Map.entry(t("10:00:00"), new AgentTimeFigures(300_000, 300_000, 120_000, 180_000)));
    }
}
