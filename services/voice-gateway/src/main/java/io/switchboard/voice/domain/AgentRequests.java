package io.switchboard.voice.domain;

import io.switchboard.voice.domain.port.Signalling;

/** What an agent asks of calls from the inbox: hold and resume, and a call of their own (click-to-call). */
public final class AgentRequests {

    private final CallRegistry calls;
    private final Holding holding;
    private final OwnCalls ownCalls;
    private final Signalling signalling;

    public AgentRequests(CallRegistry calls, Holding holding, OwnCalls ownCalls, Signalling signalling) {
        this.calls = calls;
        this.holding = holding;
        this.ownCalls = ownCalls;
        this.signalling = signalling;
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
