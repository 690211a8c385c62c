package io.switchboard.campaigns.messaging;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.switchboard.campaigns.persistence.StoreFailure;

/** Applies a consumed event, retrying while the database fails: an event is never skipped for an outage. */
final class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private Retrying() {
    }

    static void apply(String what, Runnable work) {
        long backoff = 100;
        while (true) {
            try {
                work.run();
                return;
            } catch (StoreFailure e) {
                LOG.warnf("%s failed (%s); retrying in %d ms", what, e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, Duration.ofSeconds(10).toMillis());
            }
        }
    }
}
