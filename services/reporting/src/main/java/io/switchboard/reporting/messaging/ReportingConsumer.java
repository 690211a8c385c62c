package io.switchboard.reporting.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.CustomerMerged;
import io.switchboard.events.CustomerUpdated;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.reporting.persistence.ReportWriter;
import io.switchboard.service.messaging.Refusals;

/**
 * Consumes the platform's events in batches: contacts, routing outcomes, agent presence and customers
 * on one channel, configuration on its own. A batch is acknowledged only after its transaction commits;
 * a failing batch is retried, never skipped. Other event types are skipped here, before the database;
 * a record that cannot be decoded is dead-lettered ({@link Refusals}) and the batch goes on without it.
 */
@ApplicationScoped
public class ReportingConsumer {

    private static final Logger LOG = Logger.getLogger(ReportingConsumer.class);

    /** The name a refused record's dead letter carries. */
    public static final String CONSUMER = "reporting/ReportingConsumer";

    private final ReportWriter writer;
    private final Refusals refusals;

    public ReportingConsumer(ReportWriter writer, Refusals refusals) {
        this.writer = writer;
        this.refusals = refusals;
    }

    @Incoming("reporting-events")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return apply(records, "events");
    }

    @Incoming("reporting-config")
    public Uni<Void> consumeConfiguration(ConsumerRecords<String, byte[]> records) {
        return apply(records, "configuration");
    }

    private Uni<Void> apply(ConsumerRecords<String, byte[]> records, String what) {
        // Decoding may dead-letter a record, which waits for the broker: not on the event loop.
        return Uni.createFrom().item(() -> decode(records))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(events -> events.isEmpty() ? Uni.createFrom().voidItem() : write(events, records.count(), what));
    }

    /** The batch's events reporting reads; what cannot be decoded is dead-lettered and the batch goes on without it. */
    private List<SwitchboardEvent> decode(ConsumerRecords<String, byte[]> records) {
        List<SwitchboardEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            refusals.decode(record, CONSUMER).filter(ReportingConsumer::isInput).ifPresent(events::add);
        }
        return events;
    }

    private Uni<Void> write(List<SwitchboardEvent> events, int records, String what) {
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> writer.apply(events))
                .invoke(applied -> LOG.debugf("applied %d new of %d %s records in %d ms", applied, records, what,
                        (System.nanoTime() - started) / 1_000_000))
                .onFailure().invoke(e -> LOG.warnf(e, "a batch of %d %s events failed; retrying", events.size(), what))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }

    /** The events reporting reads; the rest of each topic is skipped. */
    public static boolean isInput(SwitchboardEvent event) {
        return event instanceof ContactQueued || event instanceof ContactAssigned || event instanceof ContactAbandoned
                || event instanceof ContactTransferred || event instanceof ContactCreated || event instanceof ContactEnded
                || event instanceof ContactSurveyAnswered || event instanceof WrapUpCompleted || event instanceof AgentStateChanged
                || event instanceof CustomerUpdated
                || event instanceof CustomerMerged || event instanceof QueueConfigured || event instanceof TenantConfigured;
    }
}
