package io.switchboard.voice.domain;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.Signalling;

/**
 * What the inbox asks of calls: an agent's hold and resume, and a call of their own (click-to-call);
 * a supervisor's listen, whisper, barge and leave.
 */
public final class AgentRequests {

    private static final Logger LOG = Logger.getLogger(AgentRequests.class);

    private final CallRegistry calls;
    private final Holding holding;
    private final OwnCalls ownCalls;
    private final Signalling signalling;
    private final Monitoring monitoring;

    public AgentRequests(CallRegistry calls, Holding holding, OwnCalls ownCalls, Signalling signalling, Monitoring monitoring) {
        this.calls = calls;
        this.holding = holding;
        this.ownCalls = ownCalls;
        this.signalling = signalling;
        this.monitoring = monitoring;
    }

    /** Supervisor {@code supervisorId} of {@code tenantId} takes part in the call in {@code mode}, or switches to it. */
    public void monitor(String contactId, String tenantId, String supervisorId, MonitorMode mode) {
        calls.byContact(contactId).ifPresentOrElse(call -> monitoring.join(call, tenantId, supervisorId, mode),
                () -> LOG.infof("%s of contact %s by %s not taken here: no such call on this instance", mode, contactId, supervisorId));
    }

    /** The supervisor stops taking part in the call. */
    public void leave(String contactId, String supervisorId) {
        calls.byContact(contactId).ifPresent(call -> monitoring.leave(call, supervisorId));
    }

    /** Only the agent who holds the call can hold it. */
    public void hold(String contactId, String agentId, boolean on) {
        calls.byContact(contactId).ifPresent(call -> holding.hold(call, agentId, on));
    }

    /** A repeated request (the same contact) is placed once. */
    public void dial(OwnCalls.Request request) {
        if (calls.byContact(request.contactId()).isEmpty()) {
            ownCalls.dial(request, signalling.newCallId());
        }
    }
}
