package io.switchboard.customer360.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.domain.TimelineMapper;
import io.switchboard.customer360.persistence.ResolutionStore;
import io.switchboard.events.SwitchboardEvent;

/**
 * Consumes contacts and routing outcomes in batches. Both topics are keyed by contact id and read
 * with the range assignor, so one contact's events on both topics reach the same instance. A batch
 * is acknowledged only after its transaction commits; a failing batch is retried, never skipped.
 * Each input continues its own trace ({@link TraceContinuation}): the outbox rows it causes keep it.
 */
@ApplicationScoped
public class ContactHistoryConsumer {

    private static final Logger LOG = Logger.getLogger(ContactHistoryConsumer.class);

    static final String CONSUMER = "customer360/ContactHistoryConsumer";

    private final ResolutionStore store;
    private final TraceContinuation traces;
    private final Refused refused;

    public ContactHistoryConsumer(ResolutionStore store, TraceContinuation traces, Refused refused) {
        this.store = store;
        this.traces = traces;
        this.refused = refused;
    }

    @Incoming("contact-history")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<SwitchboardEvent> events = new ArrayList<>(records.count());
        List<TraceContinuation.Handling> handlings = new ArrayList<>(records.count());
        // The traceparent each input's outputs carry, by the input's event id.
        Map<UUID, String> outputTraces = new HashMap<>();
        Refused.Batch batch = refused.batch(CONSUMER);
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.take(record)
                    .filter(event -> TimelineMapper.entryFor(event).isPresent())
                    .ifPresent(event -> {
                        events.add(event);
                        TraceContinuation.Handling handling = traces.begin(record, event);
                        handlings.add(handling);
                        if (handling.traceparent() != null) {
                            outputTraces.putIfAbsent(event.eventId(), handling.traceparent());
                        }
                    });
        }
        if (events.isEmpty()) {
            return batch.deadLetters();
        }
        long started = System.nanoTime();
        Uni<Void> applied = Uni.createFrom().deferred(() -> store.apply(events, outputTraces))
                .invoke(() -> LOG.debugf("applied %d of %d records in %d ms", events.size(), records.count(),
                        (System.nanoTime() - started) / 1_000_000))
                .onFailure().invoke(e -> {
                    LOG.warnf(e, "a batch of %d events failed; retrying", events.size());
                    handlings.forEach(h -> h.span().recordException(e));
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                // Every input's span covers the batch's transaction, retries included.
                .onTermination().invoke((done, failure, cancelled) -> handlings.forEach(h -> h.span().end()))
                .replaceWithVoid();
        // Refusals first and once: the retries above repeat only the transaction.
        return batch.deadLetters().chain(() -> applied);
    }
}
