package io.switchboard.sms.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;
import io.switchboard.sms.domain.ReplyService;
import io.switchboard.sms.domain.StoreException;
import io.switchboard.sms.domain.UnavailableException;

/**
 * Agents' replies from {@code switchboard.outbound.sms.v1}, one at a time in offset order. While the
 * database or the broker is away the reply is tried again until it is delivered ({@link UntilApplied}), never
 * skipped; after a crash the uncommitted request is delivered again and answered from its stored outcome.
 */
@ApplicationScoped
public class ReplyConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(StoreException.class, UnavailableException.class);

    private final ReplyService replies;
    private final Refusals refusals;

    public ReplyConsumer(ReplyService replies, Refusals refusals) {
        this.replies = replies;
        this.refusals = refusals;
    }

    @Incoming("outbound-sms")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws Exception {
        var event = refusals.decode(record, "sms-channel/ReplyConsumer");
        if (event.isPresent() && event.get() instanceof ReplyRequested reply && reply.channel() == Channel.SMS) {
            UNTIL_APPLIED.apply(reply, () -> replies.deliver(reply));
        }
    }
}
