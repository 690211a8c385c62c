package io.switchboard.voice.domain;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.Signalling;

/**
 * Blind transfer (RFC 3515 on the phone side). A REFER on the agent's leg names a queue of the call's
 * tenant, a number outside the center, or another agent. A queue or an agent becomes the transfer
 * request the inbox makes, and routing decides: "200 OK" to the phone and its leg released, or "603
 * Declined" and the call stays. A number is called through the trunk ({@link OutsideTransfers}) once
 * the tenant's dial plan and the rate caps allow it ({@link PublicDialing}); otherwise the REFER gets 403.
 * Routing moving the call for any reason (the inbox, overflow) releases the agent's leg too.
 */
public final class PhoneTransfers {

    /** What the REFER gets. */
    public enum Verdict {
        /** 202, then NOTIFYs. */
        ACCEPTED,
        /** 481: not the agent leg of a call here. */
        NO_SUCH_CALL,
        /** 403: not connected, a transfer already pending, a number without an outbound trunk or refused by the dial plan. */
        FORBIDDEN
    }

    private static final Logger LOG = Logger.getLogger(PhoneTransfers.class);

    private final Signalling signalling;
    private final RecordingPolicy queues;
    private final Outbox outbox;
    private final OutsideTransfers outside;
    private final PublicDialing dialing;
    private final CallLegs legs;
    private final Queueing queueing;

    public PhoneTransfers(Signalling signalling, RecordingPolicy queues, Outbox outbox, OutsideTransfers outside, PublicDialing dialing,
            CallLegs legs, Queueing queueing) {
        this.signalling = signalling;
        this.queues = queues;
        this.outbox = outbox;
        this.outside = outside;
        this.dialing = dialing;
        this.legs = legs;
        this.queueing = queueing;
    }

    /**
     * The phone on leg {@code callId} asked to move the call to {@code target}. On {@code ACCEPTED}
     * {@code accept} runs first (the 202 goes out before any NOTIFY).
     */
    Verdict refer(Call call, String callId, String target, Runnable accept) {
        synchronized (call) {
            if (!callId.equals(call.agentCallId)) {
                return Verdict.NO_SUCH_CALL;
            }
            if (call.state != Call.State.CONNECTED || call.referred) {
                // Only a connected call, one transfer at a time.
                return Verdict.FORBIDDEN;
            }
            boolean toQueue = queues.hasQueue(call.tenantId, target);
            boolean toNumber = !toQueue && OutsideTransfers.isNumber(target);
            if (toNumber && !outside.available()) {
                return Verdict.FORBIDDEN;
            }
            // Decided before the 202, so the REFER itself is refused and no call leaves the center.
            if (toNumber && dialing.admit(call.tenantId, call.agentId, call.contactId, target).isPresent()) {
                return Verdict.FORBIDDEN;
            }
            accept.run();
            call.referred = true;
            signalling.notifyReferrer(call, "SIP/2.0 100 Trying", false);
            if (!toNumber) {
                outbox.transferRequested(call, toQueue ? target : null, toQueue ? null : target);
                return Verdict.ACCEPTED;
            }
            try {
                outside.start(call, target);
            } catch (RuntimeException e) {
                LOG.warnf("could not call %s to transfer call %s: %s", target, call.contactId, e.getMessage());
                call.referred = false;
                signalling.notifyReferrer(call, "SIP/2.0 500 Server Internal Error", true);
            }
            return Verdict.ACCEPTED;
        }
    }

    /**
     * Routing moved the call (a blind transfer, overflow): the phone that asked hears it succeeded,
     * its leg is released and the caller waits again until the next offer rings the next phone.
     */
    void transferred(Call call) {
        synchronized (call) {
            if (call.state != Call.State.CONNECTED && call.state != Call.State.RINGING) {
                return;
            }
            if (call.referred) {
                call.referred = false;
                signalling.notifyReferrer(call, "SIP/2.0 200 OK", true);
            }
            legs.releaseAgentLeg(call);
            queueing.waitAgain(call);
        }
    }

    /** Routing refused the transfer: the phone hears so, and the call stays with the agent. */
    void refused(Call call) {
        synchronized (call) {
            if (call.referred) {
                call.referred = false;
                signalling.notifyReferrer(call, "SIP/2.0 603 Declined", true);
            }
        }
    }
}
