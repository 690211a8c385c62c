package io.switchboard.voice.domain.port;

import java.time.Duration;
import java.time.Instant;

/** Time for the calls: now, and tasks for later (IVR timeouts, comfort messages, ring timeouts). */
public interface Clock {

    Instant now();

    void schedule(Duration delay, Runnable task);
}
