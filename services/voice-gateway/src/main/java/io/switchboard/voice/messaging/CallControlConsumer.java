package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CallControlRequested;
import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.voice.sip.SipGateway;

/**
 * Agents' call controls from the inbox (hold, resume), on {@code switchboard.outbound.voice.v1}: a
 * group per instance, because only the instance that holds the call can act on it.
 */
@ApplicationScoped
public class CallControlConsumer {

    private final SipGateway gateway;

    public CallControlConsumer(SipGateway gateway) {
        this.gateway = gateway;
    }

    @Incoming("outbound-voice")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        IncomingEvents.decode(record).filter(CallControlRequested.class::isInstance).map(CallControlRequested.class::cast)
                .ifPresent(control -> gateway.hold(control.contactId(), control.agentId(),
                        control.action() == CallControlRequested.Action.HOLD));
    }
}
