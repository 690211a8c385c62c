package io.switchboard.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CallControlRequested;
import io.switchboard.events.CallDialRequested;
import io.switchboard.events.ReplyRequested;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.voice.domain.AgentRequests;
import io.switchboard.voice.domain.CallFlow;
import io.switchboard.voice.domain.MonitorMode;
import io.switchboard.voice.domain.OwnCalls;
import io.switchboard.voice.domain.RoutingDecisions;

/**
 * Call control on {@code switchboard.outbound.voice.v1}: agents' hold and resume of a call, supervisors'
 * listen, whisper, barge and leave, and new
 * calls (click-to-call) from the inbox, and routing's closed prompt for a caller in a closed queue (a
 * {@code reply.requested} with {@code metadata.automated=closed-hours}; other replies mean nothing to a
 * call). A group per instance, because only the instance that holds the call, or the agent's phone
 * registration, can act on it.
 */
@ApplicationScoped
public class CallControlConsumer {

    static final String AUTOMATED = "automated";
    static final String CLOSED_HOURS = "closed-hours";
    private static final Logger LOG = Logger.getLogger(CallControlConsumer.class);

    private final AgentRequests agents;
    private final RoutingDecisions routing;
    private final Refusals refusals;

    public CallControlConsumer(CallFlow calls, Refusals refusals) {
        this.agents = calls.agents();
        this.routing = calls.routing();
        this.refusals = refusals;
    }

    @Incoming("outbound-voice")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        var event = refusals.decode(record, "voice-gateway/CallControlConsumer");
        if (event.isEmpty()) {
            return;
        }
        if (event.get() instanceof CallControlRequested control) {
            control(control);
        } else if (event.get() instanceof CallDialRequested dial) {
            agents.dial(new OwnCalls.Request(dial.contactId(), dial.tenantId(), dial.agentId(), dial.entryPoint(), dial.to()));
        } else if (event.get() instanceof ReplyRequested reply) {
            String prompt = reply.metadata().get(ReplyRequested.PROMPT);
            if (CLOSED_HOURS.equals(reply.metadata().get(AUTOMATED)) && prompt != null && !prompt.isBlank()) {
                routing.closed(reply.contactId(), prompt);
            } else {
                LOG.debugf("reply %s to contact %s ignored: a call plays only routing's closed prompt", reply.messageId(), reply.contactId());
            }
        }
    }

    private void control(CallControlRequested control) {
        String contactId = control.contactId();
        switch (control.action()) {
            case HOLD -> agents.hold(contactId, control.agentId(), true);
            case RESUME -> agents.hold(contactId, control.agentId(), false);
            case LISTEN -> agents.monitor(contactId, control.tenantId(), control.agentId(), MonitorMode.LISTEN);
            case WHISPER -> agents.monitor(contactId, control.tenantId(), control.agentId(), MonitorMode.WHISPER);
            case BARGE -> agents.monitor(contactId, control.tenantId(), control.agentId(), MonitorMode.BARGE);
            case LEAVE -> agents.leave(contactId, control.agentId());
        }
    }
}
