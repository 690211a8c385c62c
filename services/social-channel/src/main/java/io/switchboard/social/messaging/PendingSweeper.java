package io.switchboard.social.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.social.config.SocialConfig;
import io.switchboard.social.domain.InboundProcessor;

/**
 * Publishes messages that were stored but whose events the broker never acknowledged: the platform
 * gave up waiting, or the service died between commit and acknowledgement. Their events keep their ids.
 */
@ApplicationScoped
public class PendingSweeper {

    private static final Logger LOG = Logger.getLogger(PendingSweeper.class);

    private final InboundProcessor processor;
    private final SocialConfig config;

    public PendingSweeper(InboundProcessor processor, SocialConfig config) {
        this.processor = processor;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.social.sweep-every:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int published = processor.publishPending(Instant.now().minus(config.sweepAfter()));
            if (published > 0) {
                LOG.infof("published %d pending social messages", published);
            }
        } catch (Exception e) {
            LOG.warnf("pending sweep skipped: %s", e.getMessage());
        }
    }
}
