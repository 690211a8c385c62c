package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactRejected;
import io.switchboard.events.ContactTransferred;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.voice.domain.CallFlow;
import io.switchboard.voice.domain.RoutingDecisions;

/**
 * Routing's decisions about the calls this instance holds: the queue a call waits in (for its expected
 * wait), an offer rings the agent's phone, an
 * offer taken back stops it, a transfer releases the agent's leg, a give-up hangs the caller up. A group per instance (calls live on the
 * instance that answered them), from the newest offset.
 */
@ApplicationScoped
public class RoutingConsumer {

    private final RoutingDecisions routing;
    private final Refusals refusals;

    public RoutingConsumer(CallFlow calls, Refusals refusals) {
        this.routing = calls.routing();
        this.refusals = refusals;
    }

    @Incoming("routing")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        var event = refusals.decode(record, "voice-gateway/RoutingConsumer");
        if (event.isEmpty()) {
            return;
        }
        if (event.get() instanceof ContactQueued queued && queued.channel() == Channel.VOICE) {
            routing.queued(queued.contactId(), queued.queueId());
        } else if (event.get() instanceof ContactOffered offered && offered.channel() == Channel.VOICE) {
            routing.offered(offered.contactId(), offered.agentId(), offered.offerId(), offered.queueId());
        } else if (event.get() instanceof ContactRejected rejected && rejected.offerId() != null
                && (rejected.reason() == ContactRejected.Reason.TIMED_OUT || rejected.reason() == ContactRejected.Reason.WITHDRAWN)) {
            routing.offerEnded(rejected.contactId(), rejected.offerId());
        } else if (event.get() instanceof ContactRejected refused && refused.reason() == ContactRejected.Reason.TRANSFER_REFUSED) {
            routing.transferRefused(refused.contactId());
        } else if (event.get() instanceof ContactTransferred transferred) {
            routing.transferred(transferred.contactId());
        } else if (event.get() instanceof ContactAbandoned abandoned && abandoned.reason() != ContactAbandoned.Reason.CUSTOMER_LEFT) {
            routing.abandoned(abandoned.contactId());
        }
    }
}
