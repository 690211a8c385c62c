package io.switchboard.reporting.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.events.AgentStateChanged.State;

/**
 * An agent's time per interval: each state lasts from its change to the agent's next change (a state
 * with no next change yet is left out until it has one, so the figures never depend on the clock),
 * cut at interval boundaries.
 */
public final class AgentTime {

    private AgentTime() {
    }

    /**
     * The non-zero intervals in {@code [from, to)} (both interval starts).
     *
     * @param changes one agent's changes in {@link StateChange#ORDER}, from the last at or before {@code from}
     *                to the first at or after {@code to}
     */
    public static Map<Instant, AgentTimeFigures> intervals(List<StateChange> changes, List<BusyPeriod> busy, Instant from,
            Instant to) {
        Map<Instant, AgentTimeFigures> result = new LinkedHashMap<>();
        if (changes.size() < 2) {
            return result;
        }
        List<long[]> merged = union(busy);
        for (int i = 0; i + 1 < changes.size(); i++) {
            StateChange change = changes.get(i);
            long segStart = Math.max(change.at().toEpochMilli(), from.toEpochMilli());
            long segEnd = Math.min(changes.get(i + 1).at().toEpochMilli(), to.toEpochMilli());
            if (segEnd <= segStart || change.state() == State.OFFLINE) {
                continue;
            }
            // Cut the segment at interval boundaries.
            for (long s = segStart; s < segEnd;) {
                long intervalStart = Math.floorDiv(s, Intervals.LENGTH_MS) * Intervals.LENGTH_MS;
                long e = Math.min(segEnd, intervalStart + Intervals.LENGTH_MS);
                long length = e - s;
                long busyMs = overlap(merged, s, e);
                boolean available = change.state() == State.AVAILABLE;
                AgentTimeFigures piece = new AgentTimeFigures(length, available ? length : 0, busyMs,
                        available ? length - busyMs : 0);
                result.merge(Instant.ofEpochMilli(intervalStart), piece, AgentTimeFigures::plus);
                s = e;
            }
        }
        return result;
    }

    /** Disjoint, sorted [start, end) millisecond ranges covering every period. */
    static List<long[]> union(List<BusyPeriod> periods) {
        List<long[]> ranges = new ArrayList<>();
        periods.stream()
                .filter(p -> p.end().isAfter(p.start()))
                .map(p -> new long[] { p.start().toEpochMilli(), p.end().toEpochMilli() })
                .sorted(Comparator.comparingLong(r -> r[0]))
                .forEach(r -> {
                    long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                    if (last != null && r[0] <= last[1]) {
                        last[1] = Math.max(last[1], r[1]);
                    } else {
                        ranges.add(r);
                    }
                });
        return ranges;
    }

    static long overlap(List<long[]> ranges, long start, long end) {
        long total = 0;
        for (long[] r : ranges) {
            if (r[0] >= end) {
                break;
            }
            total += Math.max(0, Math.min(end, r[1]) - Math.max(start, r[0]));
        }
        return total;
    }
}
