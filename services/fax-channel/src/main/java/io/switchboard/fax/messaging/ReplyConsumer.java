package io.switchboard.fax.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.fax.domain.EventSink;
import io.switchboard.fax.domain.ReplyRefusal;
import io.switchboard.fax.domain.UnavailableException;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.service.messaging.UntilApplied;

/**
 * Agents' replies from {@code switchboard.outbound.fax.v1}, each answered with a permanent
 * contact.message.failed ({@link ReplyRefusal}). While the broker does not acknowledge, the answer is tried
 * again ({@link UntilApplied}) rather than skipped; redelivered, it yields the same event id.
 */
@ApplicationScoped
public class ReplyConsumer {

    private static final UntilApplied UNTIL_APPLIED = UntilApplied.retrying(UnavailableException.class);

    private final ReplyRefusal refusal;
    private final EventSink events;
    private final Refusals refusals;

    public ReplyConsumer(ReplyRefusal refusal, EventSink events, Refusals refusals) {
        this.refusal = refusal;
        this.events = events;
        this.refusals = refusals;
    }

    @Incoming("outbound-fax")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws UnavailableException {
        var event = refusals.decode(record, "fax-channel/ReplyConsumer");
        if (event.isPresent() && event.get() instanceof ReplyRequested reply && reply.channel() == Channel.FAX) {
            UNTIL_APPLIED.apply(reply, () -> events.publish(List.of(events.encode(refusal.answer(reply)))));
        }
    }
}
