package io.switchboard.voice.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * The SIP side of each leg, by Call-ID: the transaction of its INVITE (theirs to us, or ours while it
 * is pending) and its dialog once answered. The call flow names legs only by Call-ID.
 */
final class SipLegs {

    /** One leg's SIP state; fields are touched under the call's monitor or by the stack's event for that leg. */
    static final class Leg {
        volatile ServerTransaction serverInvite;
        volatile ClientTransaction clientInvite;
        volatile Dialog dialog;
        /** The trunk challenged our INVITE and we answered with our credentials (once per leg). */
        volatile boolean challenged;
    }

    private final Map<String, Leg> legs = new ConcurrentHashMap<>();

    Leg of(String callId) {
        return legs.computeIfAbsent(callId, id -> new Leg());
    }

    /** The leg's state if the leg is known, without creating it. */
    Leg find(String callId) {
        return callId == null ? null : legs.get(callId);
    }

    void forget(String callId) {
        if (callId != null) {
            legs.remove(callId);
        }
    }
}
