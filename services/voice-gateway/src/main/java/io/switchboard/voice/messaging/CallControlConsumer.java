package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CallControlRequested;
import io.switchboard.events.CallDialRequested;
import io.switchboard.service.messaging.IncomingEvents;
import io.switchboard.voice.domain.AgentRequests;
import io.switchboard.voice.domain.CallFlow;
import io.switchboard.voice.domain.OwnCalls;

/**
 * Agents' call controls from the inbox, on {@code switchboard.outbound.voice.v1}: hold and resume of a
 * call, and a new call (click-to-call). A group per instance, because only the instance that holds the
 * call, or the agent's phone registration, can act on it.
 */
@ApplicationScoped
public class CallControlConsumer {

    private final AgentRequests agents;

    public CallControlConsumer(CallFlow calls) {
        this.agents = calls.agents();
    }

    @Incoming("outbound-voice")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvents.decode(record);
        if (event.isEmpty()) {
            return;
        }
        if (event.get() instanceof CallControlRequested control) {
            agents.hold(control.contactId(), control.agentId(), control.action() == CallControlRequested.Action.HOLD);
        } else if (event.get() instanceof CallDialRequested dial) {
            agents.dial(new OwnCalls.Request(dial.contactId(), dial.tenantId(), dial.agentId(), dial.entryPoint(), dial.to()));
        }
    }
}
