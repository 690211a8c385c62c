package io.switchboard.desktop.messaging;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.switchboard.desktop.domain.StoreException;

/**
 * Applies a consumed event, trying again while the read model's database fails. A PostgreSQL restart pauses the inbox's
 * consumers instead of failing them: a failed consumer stops for good (and readiness with it), and skipping the event
 * would lose a contact from every inbox.
 */
final class UntilStored {

    private static final Logger LOG = Logger.getLogger(UntilStored.class);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private UntilStored() {
    }

    static void apply(String what, Runnable work) {
        apply(what, work, Thread::sleep);
    }

    static void apply(String what, Runnable work, Pause pause) {
        long backoff = 100;
        while (true) {
            try {
                work.run();
                return;
            } catch (StoreException e) {
                LOG.warnf("%s not applied (%s); trying again in %d ms", what, e.getMessage(), backoff);
                try {
                    pause.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, LONGEST_PAUSE.toMillis());
            }
        }
    }
}
