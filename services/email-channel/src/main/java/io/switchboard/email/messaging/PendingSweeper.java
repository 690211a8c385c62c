package io.switchboard.email.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.email.config.EmailConfig;
import io.switchboard.email.domain.InboundMailProcessor;
import io.switchboard.email.domain.StoreException;

/**
 * Publishes messages that were stored but whose events the broker never acknowledged: the sender
 * disconnected, or the service died between commit and acknowledgement. Their events keep their ids,
 * so a consumer that already saw one recognises it.
 */
@ApplicationScoped
public class PendingSweeper {

    private static final Logger LOG = Logger.getLogger(PendingSweeper.class);

    private final InboundMailProcessor processor;
    private final EmailConfig config;

    public PendingSweeper(InboundMailProcessor processor, EmailConfig config) {
        this.processor = processor;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.email.sweep-every:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int published = processor.publishPending(Instant.now().minus(config.sweepAfter()));
            if (published > 0) {
                LOG.infof("published %d pending emails", published);
            }
        } catch (StoreException e) {
            LOG.warnf("pending sweep skipped: %s", e.getMessage());
        }
    }
}
