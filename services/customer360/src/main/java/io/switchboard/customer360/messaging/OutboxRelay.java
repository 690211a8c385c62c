package io.switchboard.customer360.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.customer360.persistence.OutboxEntity;
import io.switchboard.service.messaging.OutgoingEvents;

/**
 * Publishes what the outbox holds, oldest first, and deletes rows once Kafka has acknowledged them.
 * A crash between the two publishes a row twice; consumers are idempotent by event id. A row's trace
 * context goes out as the {@code traceparent} header (the payload's CloudEvent already carries it),
 * so the trace continues from whatever caused the event, not from the relay's timer.
 */
@ApplicationScoped
public class OutboxRelay {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Mutiny.SessionFactory sessions;
    private final MutinyEmitter<byte[]> customers;

    public OutboxRelay(Mutiny.SessionFactory sessions,
            @Channel("customers-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * BATCH)
            MutinyEmitter<byte[]> customers) {
        this.sessions = sessions;
        this.customers = customers;
    }

    // The first run waits a second so that the emitter's channel is wired before the relay uses it.
    @Scheduled(every = "${switchboard.customer360.relay-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return relayBatch()
                .repeat().until(published -> published < BATCH)
                .collect().last()
                .onFailure().invoke(e -> LOG.warn("outbox relay failed; the rows stay for the next run", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** @return how many rows were published */
    Uni<Integer> relayBatch() {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "SELECT id, topic, record_key, payload, traceparent FROM outbox ORDER BY seq LIMIT " + BATCH
                                + " FOR UPDATE SKIP LOCKED", OutboxEntity.class)
                .getResultList()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : publish(rows)
                        .chain(() -> session.createMutationQuery("delete from OutboxEntity o where o.id in :ids")
                                .setParameter("ids", rows.stream().map(r -> r.id).toList())
                                .executeUpdate())
                        .replaceWith(rows.size())));
    }

    private Uni<Void> publish(List<OutboxEntity> rows) {
        List<Uni<Void>> acks = rows.stream().map(row -> customers.sendMessage(message(row))).toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }

    static Message<byte[]> message(OutboxEntity row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", OutgoingEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        if (row.traceparent != null) {
            headers.add(TraceContinuation.HEADER, row.traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return Message.of(row.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(row.recordKey)
                .withTopic(row.topic)
                .withHeaders(headers)
                .build());
    }

    /** Forgets processed input ids after the retention: Kafka never redelivers anything that old. */
    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES)
    Uni<Void> forgetOldInputs() {
        Instant before = Instant.now().minus(Duration.ofDays(8));
        return sessions.withTransaction(session -> session.createMutationQuery(
                        "delete from ProcessedEventEntity p where p.processedAt < :before")
                .setParameter("before", before).executeUpdate())
                .invoke(n -> LOG.debugf("forgot %d processed input ids", n))
                .replaceWithVoid();
    }
}
