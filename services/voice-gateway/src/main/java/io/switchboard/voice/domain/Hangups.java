package io.switchboard.voice.domain;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Signalling;

/**
 * How calls end: a BYE from either side ends both legs; a CANCEL before our answer; a leg lost
 * without a BYE (a 200 never ACKed, a dialog that died); routing giving up; the gateway stopping.
 */
public final class Hangups {

    private final Signalling signalling;
    private final CallLegs legs;
    private final Monitoring monitoring;
    private final PostCallSurvey survey;

    public Hangups(Signalling signalling, CallLegs legs, Monitoring monitoring, PostCallSurvey survey) {
        this.signalling = signalling;
        this.legs = legs;
        this.monitoring = monitoring;
        this.survey = survey;
    }

    /**
     * A BYE on leg {@code callId}: the other leg gets ours, the contact ends; a monitoring supervisor's
     * BYE only takes them out of the call. The agent's BYE may instead keep the caller for the survey
     * ({@link PostCallSurvey}): the contact ends just the same.
     */
    void bye(Call call, String callId) {
        boolean fromCaller = callId.equals(call.callerCallId);
        synchronized (call) {
            if (Monitoring.owns(call, callId)) {
                monitoring.gone(call, callId, "hung up");
                return;
            }
            if (call.state == Call.State.ENDED || !fromCaller && !callId.equals(call.agentCallId)) {
                // A former agent's leg (transferred away, crossing our BYE) does not end the caller's call.
                return;
            }
            if (fromCaller) {
                legs.releaseAgentLeg(call);
            } else if (survey.offer(call)) {
                return;
            } else {
                legs.releaseCallerLeg(call);
            }
            legs.end(call, fromCaller ? ContactEnded.Reason.CUSTOMER_LEFT : ContactEnded.Reason.AGENT_ENDED);
        }
    }

    /** A CANCEL of the caller's INVITE: only matters before our answer (we answer at once, so this is rare). */
    void cancel(Call call) {
        synchronized (call) {
            if (!call.outbound && !call.callerAnswered && call.state != Call.State.ENDED) {
                signalling.terminateUnanswered(call.callerCallId);
                legs.end(call, ContactEnded.Reason.CUSTOMER_LEFT);
            }
        }
    }

    /** Our 200 to a caller was never ACKed (the caller is gone), or a dialog ended without a BYE we saw: release the call. */
    void lost(Call call, String callId) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return;
            }
            if (Monitoring.owns(call, callId)) {
                monitoring.gone(call, callId, "the dialog was lost");
            } else if (callId.equals(call.callerCallId)) {
                legs.releaseAgentLeg(call);
                legs.end(call, ContactEnded.Reason.CUSTOMER_LEFT);
            } else if (callId.equals(call.agentCallId) && call.agentAnswered()) {
                // Only the current agent's leg: a former one (declined, transferred away) ending late changes nothing.
                legs.releaseCallerLeg(call);
                legs.end(call, ContactEnded.Reason.AGENT_ENDED);
            }
        }
    }

    /** Routing gave up on the call (maximum wait without overflow), or the gateway stops: both legs go. */
    void hangUp(Call call, ContactEnded.Reason reason) {
        legs.hangUp(call, reason);
    }
}
