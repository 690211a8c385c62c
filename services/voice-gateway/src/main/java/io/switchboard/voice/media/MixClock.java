package io.switchboard.voice.media;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The 20 ms clock of the monitored calls' mixes ({@link Conference}), on one thread of its own. It
 * sleeps while no call is monitored, so two-party calls, which are relayed, cost nothing here. The
 * ticks keep to a 20 ms grid ({@link FrameSchedule}); after a stall of more than 60 ms the frames
 * missed are skipped, as the prompt clock does. A mix whose leg was closed ends at its next tick.
 */
@ApplicationScoped
public class MixClock {

    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_LAG = TimeUnit.MILLISECONDS.toNanos(60);
    private static final Logger LOG = Logger.getLogger(MixClock.class);

    /** By the caller's leg. */
    private final Map<MediaLeg, Conference> mixes = new ConcurrentHashMap<>();
    private final Timer ticks;
    private final Thread thread = new Thread(this::run, "mix-clock");
    private volatile boolean running = true;

    public MixClock(MeterRegistry registry) {
        this.ticks = Timer.builder("voice.media.mix.tick")
                .description("One 20 ms tick of the mix clock: a mixed frame sent to each leg of every monitored call")
                .register(registry);
        thread.setDaemon(true);
        thread.start();
    }

    void add(Conference conference) {
        mixes.put(conference.caller, conference);
        LockSupport.unpark(thread);
    }

    Optional<Conference> of(MediaLeg caller) {
        return Optional.ofNullable(mixes.get(caller));
    }

    /** Ends the mix {@code leg} takes part in, if any: nothing more is sent to its legs and their audio goes nowhere. */
    void end(MediaLeg leg) {
        mixes.values().removeIf(conference -> {
            if (conference.has(leg)) {
                conference.stop();
                return true;
            }
            return false;
        });
    }

    int size() {
        return mixes.size();
    }

    @PreDestroy
    void shutdown() {
        running = false;
        LockSupport.unpark(thread);
    }

    private void run() {
        while (running) {
            if (mixes.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            FrameSchedule schedule = new FrameSchedule(System.nanoTime() + PERIOD, PERIOD, MAX_LAG);
            int skip = 0;
            while (running && !mixes.isEmpty()) {
                long wait = schedule.due() - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                long began = System.nanoTime();
                tick(skip);
                long now = System.nanoTime();
                ticks.record(now - began, TimeUnit.NANOSECONDS);
                skip = schedule.advance(now);
            }
        }
    }

    private void tick(int skip) {
        for (Conference conference : mixes.values()) {
            if (conference.closed()) {
                mixes.remove(conference.caller, conference);
                conference.stop();
                continue;
            }
            try {
                if (skip > 0) {
                    conference.skip(skip);
                }
                conference.tick();
            } catch (RuntimeException e) {
                LOG.warnf(e, "mix tick failed");
            }
        }
    }
}
