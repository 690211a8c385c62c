package io.switchboard.admin.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.admin.config.AdminConfig;
import io.switchboard.admin.domain.ConfigPublisher;
import io.switchboard.admin.persistence.OutboxRecord;
import io.switchboard.admin.persistence.OutboxStore;
import io.switchboard.service.messaging.OutgoingEvents;

/**
 * Publishes the outbox: right after a change commits (so the admin's call returns once routing can
 * see it), and every few seconds for whatever a failed or crashed attempt left. A record leaves the
 * outbox only after the broker acknowledged it, so an event may go twice but is never lost; every
 * consumer is idempotent by event id, and a snapshot sent twice says the same.
 */
@ApplicationScoped
public class OutboxRelay implements ConfigPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final OutboxStore outbox;
    private final MutinyEmitter<byte[]> emitter;
    private final AdminConfig config;

    public OutboxRelay(OutboxStore outbox, @Channel("config-out") MutinyEmitter<byte[]> emitter, AdminConfig config) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.config = config;
    }

    @Override
    public synchronized boolean flush() {
        try {
            while (true) {
                int published = outbox.drain(BATCH, this::send);
                if (published < 0) {
                    return false;
                }
                if (published < BATCH) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("configuration events stay in the outbox for the next attempt: %s", e.getMessage());
            return false;
        }
    }

    @Scheduled(every = "${switchboard.admin.outbox-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void retry() {
        flush();
    }

    private boolean send(List<OutboxRecord> records) {
        try {
            List<Message<byte[]>> messages = records.stream()
                    .map(r -> OutgoingEvents.message(r.payload(), r.key(), r.topic()))
                    .toList();
            OutgoingEvents.sendAll(emitter, messages, config.publishTimeout());
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("the broker did not take %d configuration event(s): %s", records.size(), e.getMessage());
            return false;
        }
    }
}
