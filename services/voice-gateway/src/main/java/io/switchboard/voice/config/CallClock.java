package io.switchboard.voice.config;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.voice.domain.port.Clock;

/**
 * The calls' time and threads: one timer thread for what is due later, and a pool for work that may
 * block (publishing to Kafka), so neither runs on the SIP stack's threads.
 */
@ApplicationScoped
public class CallClock implements Clock {

    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("voice-timers"));
    private final ExecutorService work = Executors.newFixedThreadPool(8, daemon("voice-work"));

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Executor background() {
        return work;
    }

    /** No more timers; what is being published gets {@code grace} to reach the broker. */
    public void stop(Duration grace) throws InterruptedException {
        timers.shutdownNow();
        work.shutdown();
        work.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
