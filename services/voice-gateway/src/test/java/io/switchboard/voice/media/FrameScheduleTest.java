package io.switchboard.voice.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The prompt clock's grid: late ticks do not shift it, a long stall is skipped rather than replayed. */
class FrameScheduleTest {

    private static final long PERIOD = 20;
    private static final long MAX_LAG = 60;

    @Test
    void ticksStayOnTheGridHoweverLateEachOneRuns() {
        FrameSchedule schedule = new FrameSchedule(20, PERIOD, MAX_LAG);
        assertThat(schedule.advance(23)).isZero();
        assertThat(schedule.due()).isEqualTo(40);
        assertThat(schedule.advance(47)).isZero();
        assertThat(schedule.due()).as("7 late did not move the next tick").isEqualTo(60);
        assertThat(schedule.advance(60)).isZero();
        assertThat(schedule.due()).isEqualTo(80);
    }

    @Test
    void aLagUpToTheLimitIsCaughtUpTickByTick() {
        FrameSchedule schedule = new FrameSchedule(20, PERIOD, MAX_LAG);
        // The tick due at 20 ran until 100: the ticks due at 40, 60, 80 and 100 follow at once.
        assertThat(schedule.advance(100)).isZero();
        assertThat(schedule.due()).isEqualTo(40);
        assertThat(schedule.advance(101)).isZero();
        assertThat(schedule.advance(102)).isZero();
        assertThat(schedule.advance(103)).isZero();
        assertThat(schedule.due()).isEqualTo(100);
        assertThat(schedule.advance(104)).isZero();
        assertThat(schedule.due()).isEqualTo(120);
    }

    @Test
    void aLongerStallSkipsTheMissedTicksAndKeepsTheGrid() {
        FrameSchedule schedule = new FrameSchedule(20, PERIOD, MAX_LAG);
        // Stalled until 1,010: the next tick would be due at 40, 970 late.
        assertThat(schedule.advance(1_010)).isEqualTo(48);
        assertThat(schedule.due()).as("the last grid point not after now").isEqualTo(1_000);
        assertThat(schedule.advance(1_011)).isZero();
        assertThat(schedule.due()).isEqualTo(1_020);
    }
}
