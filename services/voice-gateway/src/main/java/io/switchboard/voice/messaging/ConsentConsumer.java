package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.switchboard.events.OptOutChanged;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.voice.domain.OptOuts;

/**
 * Customers' opt-outs from the compacted {@code switchboard.consent.v1} (a group per instance, from the
 * start, as the config topic): no post-call survey and no campaign call to a number that opted out.
 */
@ApplicationScoped
public class ConsentConsumer {

    private final OptOuts optOuts;
    private final Refusals refusals;

    public ConsentConsumer(OptOuts optOuts, Refusals refusals) {
        this.optOuts = optOuts;
        this.refusals = refusals;
    }

    @Incoming("consent")
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "voice-gateway/ConsentConsumer").ifPresent(event -> {
            if (event instanceof OptOutChanged change) {
                optOuts.apply(change);
            }
        });
    }
}
