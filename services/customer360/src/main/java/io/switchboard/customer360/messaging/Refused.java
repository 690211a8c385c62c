package io.switchboard.customer360.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.service.messaging.Refusals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * customer360's consumers run on the event loop, where a dead letter's send may not wait for the broker:
 * records are judged there, and the refused ones are dead-lettered on a worker before the batch that
 * held them is acknowledged, so a refusal is never lost to a crash between the two.
 */
@ApplicationScoped
public class Refused {

    private final Refusals refusals;

    public Refused(Refusals refusals) {
        this.refusals = refusals;
    }

    /** Collects what one poll's records hold and what they refuse. */
    public Batch batch(String consumer) {
        return new Batch(consumer);
    }

    public final class Batch {

        private final String consumer;
        private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        private final List<Refusals.Verdict.Refuse> verdicts = new ArrayList<>();

        private Batch(String consumer) {
            this.consumer = consumer;
        }

        /** The record's event, or empty when it is refused (remembered for {@link #deadLetters}) or skipped. */
        public Optional<SwitchboardEvent> take(ConsumerRecord<String, byte[]> record) {
            Refusals.Verdict verdict = refusals.judge(record);
            if (verdict instanceof Refusals.Verdict.Refuse refuse) {
                records.add(record);
                verdicts.add(refuse);
            }
            return verdict instanceof Refusals.Verdict.Take take ? Optional.of(take.decoded().event()) : Optional.empty();
        }

        /** Dead-letters the refused records on a worker; completes at once when there are none. */
        public Uni<Void> deadLetters() {
            if (records.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // What follows (a reactive transaction) goes on in the caller's Vert.x context.
            Context caller = Vertx.currentContext();
            Uni<Void> sent = Uni.createFrom().item(() -> {
                for (int i = 0; i < records.size(); i++) {
                    refusals.refuse(records.get(i), consumer, verdicts.get(i));
                }
                return (Void) null;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return caller == null ? sent : sent.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
    }
}
