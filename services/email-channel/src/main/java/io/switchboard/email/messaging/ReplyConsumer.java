package io.switchboard.email.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.email.domain.ReplyDelivery;
import io.switchboard.email.domain.StoreException;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.service.messaging.PublishFailedException;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * Agents' replies from {@code switchboard.outbound.email.v1}, one at a time in offset order. While
 * the database or the broker is away the reply is tried again until it is delivered ({@link UntilApplied}),
 * never skipped; after a crash the uncommitted request is delivered again.
 */
@ApplicationScoped
public class ReplyConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class, PublishFailedException.class);

    private final ReplyDelivery delivery;
    private final Refusals refusals;

    public ReplyConsumer(ReplyDelivery delivery, Refusals refusals) {
        this.delivery = delivery;
        this.refusals = refusals;
    }

    @Incoming("outbound-email")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws Exception {
        var event = refusals.decode(record, "email-channel/ReplyConsumer");
        if (event.isPresent() && event.get() instanceof ReplyRequested reply && reply.channel() == Channel.EMAIL) {
            UNTIL_APPLIED.apply(reply, () -> delivery.deliver(reply));
        }
    }
}
