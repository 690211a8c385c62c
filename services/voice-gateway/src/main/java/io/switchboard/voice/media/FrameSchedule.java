package io.switchboard.voice.media;

/**
 * When the frame clock's next tick is due. Ticks sit on a fixed grid (the first one, then every
 * {@code period}), so neither waking late nor a slow tick accumulates: a tick that ran late is followed
 * by the next one on the grid, sooner (drift correction). A stall longer than {@code maxLag} (a pause,
 * a starved core) is not caught up with a burst of frames the peers' jitter buffers would throw away:
 * the ticks missed are skipped, and the prompts move on by as many frames, so their RTP clock still
 * follows the wall clock. Times in nanoseconds; not thread-safe (the clock's one thread).
 */
final class FrameSchedule {

    private final long period;
    private final long maxLag;
    private long due;

    FrameSchedule(long firstDue, long period, long maxLag) {
        this.due = firstDue;
        this.period = period;
        this.maxLag = maxLag;
    }

    /** When the next tick is due. */
    long due() {
        return due;
    }

    /** The tick that was due has run and it is now {@code now}: moves to the next one; returns the ticks skipped. */
    int advance(long now) {
        due += period;
        long late = now - due;
        if (late <= maxLag) {
            return 0;
        }
        long skipped = late / period;
        due += skipped * period;
        return (int) Math.min(skipped, Integer.MAX_VALUE);
    }
}
