package io.switchboard.email.domain;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most N messages per envelope sender per clock minute: one runaway sender cannot flood the queues. */
public final class SenderRateLimiter {

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public SenderRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public boolean tryAcquire(String sender) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 100_000) {
            windows.values().removeIf(window -> window.minute < minute);
        }
        Window window = windows.compute(sender.toLowerCase(Locale.ROOT),
                (key, current) -> current == null || current.minute != minute ? new Window(minute, 1)
                        : new Window(minute, current.count + 1));
        return window.count <= perMinute;
    }

    private record Window(long minute, int count) {
    }
}
