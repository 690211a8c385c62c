package io.switchboard.sms.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.sms.config.SmsConfig;
import io.switchboard.sms.domain.InboundService;
import io.switchboard.sms.domain.StoreException;

/**
 * Publishes texts that were stored but whose events the broker never acknowledged (the provider hung
 * up, or the service died between commit and acknowledgement). The events keep their ids.
 */
@ApplicationScoped
public class PendingSweeper {

    private static final Logger LOG = Logger.getLogger(PendingSweeper.class);

    private final InboundService inbound;
    private final SmsConfig config;

    public PendingSweeper(InboundService inbound, SmsConfig config) {
        this.inbound = inbound;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.sms.sweep-every:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int published = inbound.publishPending(Instant.now().minus(config.sweepAfter()));
            if (published > 0) {
                LOG.infof("published %d pending texts", published);
            }
        } catch (StoreException e) {
            LOG.warnf("pending sweep skipped: %s", e.getMessage());
        }
    }
}
