package io.switchboard.customer360.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.customer360.domain.TimelineMapper;
import io.switchboard.customer360.persistence.ResolutionStore;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.service.messaging.IncomingEvents;

/**
 * Consumes contacts and routing outcomes in batches. Both topics are keyed by contact id and read
 * with the range assignor, so one contact's events on both topics reach the same instance. A batch
 * is acknowledged only after its transaction commits; a failing batch is retried, never skipped.
 */
@ApplicationScoped
public class ContactHistoryConsumer {

    private static final Logger LOG = Logger.getLogger(ContactHistoryConsumer.class);

    private final ResolutionStore store;

    public ContactHistoryConsumer(ResolutionStore store) {
        this.store = store;
    }

    @Incoming("contact-history")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<SwitchboardEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            IncomingEvents.decode(record)
                    .filter(event -> TimelineMapper.entryFor(event).isPresent())
                    .ifPresent(events::add);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> store.apply(events))
                .invoke(() -> LOG.debugf("applied %d of %d records in %d ms", events.size(), records.count(),
                        (System.nanoTime() - started) / 1_000_000))
                .onFailure().invoke(e -> LOG.warnf(e, "a batch of %d events failed; retrying", events.size()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }
}
