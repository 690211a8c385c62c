package io.switchboard.reporting.domain;

import java.time.Duration;
import java.time.Instant;

/** The reporting grid: 15-minute intervals aligned on UTC (and so on every real time zone's quarter hours). */
public final class Intervals {

    public static final Duration LENGTH = Duration.ofMinutes(15);
    public static final long LENGTH_MS = LENGTH.toMillis();

    private Intervals() {
    }

    /** The start of the interval holding {@code at}. */
    public static Instant floor(Instant at) {
        long ms = at.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms, LENGTH_MS) * LENGTH_MS);
    }

    /** The first interval start at or after {@code at}. */
    public static Instant ceil(Instant at) {
        Instant floor = floor(at);
        return floor.equals(at) ? floor : floor.plus(LENGTH);
    }

    static long millisBetween(Instant from, Instant to) {
        return to.toEpochMilli() - from.toEpochMilli();
    }
}
