package io.switchboard.fax.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.fax.config.FaxConfig;
import io.switchboard.fax.domain.FaxIngest;
import io.switchboard.fax.domain.StoreException;

/** Publishes faxes stored but never acknowledged by Kafka (the broker was away, or the service died mid-way). */
@ApplicationScoped
public class PendingSweeper {

    private static final Logger LOG = Logger.getLogger(PendingSweeper.class);

    private final FaxIngest ingest;
    private final FaxConfig config;

    public PendingSweeper(FaxIngest ingest, FaxConfig config) {
        this.ingest = ingest;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.fax.sweep-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int published = ingest.publishPending(Instant.now().minus(config.sweepAfter()));
            if (published > 0) {
                LOG.infof("published %d stored but unacknowledged faxes", published);
            }
        } catch (StoreException e) {
            LOG.warnf("the sweeper could not read the fax store: %s", e.getMessage());
        }
    }
}
