package io.switchboard.routing.engine;

/**
 * Something due at a time. Timers are never removed early: when one fires, it checks that what it
 * was set for still holds ({@code token}), which keeps every change O(log n).
 */
record Timer(long at, long sequence, Kind kind, String ref, long token) implements Comparable<Timer> {

    enum Kind {
        OFFER_EXPIRY, RELAXATION, MAX_WAIT, PREFERRED_WINDOW_END, WRAP_UP_END, QUEUE_OPENS
    }

    @Override
    public int compareTo(Timer other) {
        int byTime = Long.compare(at, other.at);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
}
