package io.switchboard.campaigns.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.campaigns.config.CampaignsConfig;
import io.switchboard.campaigns.domain.OutboxSignal;
import io.switchboard.campaigns.domain.StoredEvent;
import io.switchboard.campaigns.persistence.JdbcOutbox;
import io.switchboard.service.messaging.OutgoingEvents;

/**
 * Publishes the outbox: woken by each commit that wrote events, and every poll interval for what another
 * instance wrote or a failed publish left. Rows are deleted only after the broker acknowledged them.
 */
@ApplicationScoped
public class OutboxRelay implements OutboxSignal {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final JdbcOutbox outbox;
    private final MutinyEmitter<byte[]> emitter;
    private final CampaignsConfig.Outbox config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcOutbox outbox, @Channel("campaigns-out") MutinyEmitter<byte[]> emitter, CampaignsConfig config) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config.outbox();
    }

    void start(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "campaigns-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void committed() {
        wake.release();
    }

    /** Publishes what is in the outbox now; returns how many events went out. */
    public int drainNow() {
        int total = 0;
        int sent;
        do {
            sent = outbox.drain(config.batch(), this::publish);
            total += sent;
        } while (sent == config.batch());
        return total;
    }

    private void publish(List<StoredEvent> events) {
        OutgoingEvents.sendAll(emitter, events.stream().map(e -> OutgoingEvents.message(e.payload(), e.key(), e.topic())).toList(),
                config.publishTimeout());
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (!backoff.isZero()) {
                    Thread.sleep(backoff.toMillis());
                }
                drainNow();
                backoff = Duration.ZERO;
                wake.tryAcquire(config.poll().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(200) : min(backoff.multipliedBy(2), Duration.ofSeconds(10));
                LOG.warnf("the outbox could not be published (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
