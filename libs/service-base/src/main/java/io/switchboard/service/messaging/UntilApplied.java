package io.switchboard.service.messaging;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import io.switchboard.events.SwitchboardEvent;

/**
 * Applies a consumed event, trying it again while a failure that passes lasts: the service's database or the broker
 * away. A SmallRye consumer whose method throws stops for good (and its readiness with it), and skipping the event
 * would lose it; so an outage pauses the consumer instead, on the same event, until the event is applied. Anything
 * else (a bug, a refusal) is thrown at once.
 */
public final class UntilApplied {

    private static final Logger LOG = Logger.getLogger(UntilApplied.class);
    public static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    public static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    @FunctionalInterface
    public interface Work<E extends Exception> {
        void run() throws E;
    }

    @FunctionalInterface
    public interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final List<Class<? extends Exception>> passing;
    private final Pause pause;

    private UntilApplied(List<Class<? extends Exception>> passing, Pause pause) {
        this.passing = passing;
        this.pause = pause;
    }

    /** Tries again on these failures (and their subtypes), pausing 100 ms, then twice as long each time, up to 5 s. */
    @SafeVarargs
    public static UntilApplied retrying(Class<? extends Exception>... passingFailures) {
        return new UntilApplied(List.of(passingFailures), Thread::sleep);
    }

    /** The same retries, pausing with {@code pause}: for tests that count the pauses instead of waiting them. */
    public UntilApplied pausingWith(Pause pause) {
        return new UntilApplied(passing, pause);
    }

    /** Applies {@code event} with {@code work}, naming it by type and id in the log while an outage lasts. */
    public <E extends Exception> void apply(SwitchboardEvent event, Work<E> work) throws E {
        apply(event.getClass().getSimpleName() + " " + event.eventId(), work);
    }

    public <E extends Exception> void apply(String what, Work<E> work) throws E {
        long backoff = FIRST_PAUSE.toMillis();
        while (true) {
            try {
                work.run();
                return;
            } catch (Exception failure) {
                if (!passes(failure)) {
                    throw failure;
                }
                LOG.warnf("%s not applied (%s); trying again in %d ms", what, failure.getMessage(), backoff);
                try {
                    pause.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
                backoff = Math.min(backoff * 2, LONGEST_PAUSE.toMillis());
            }
        }
    }

    private boolean passes(Exception failure) {
        return passing.stream().anyMatch(type -> type.isInstance(failure));
    }
}
