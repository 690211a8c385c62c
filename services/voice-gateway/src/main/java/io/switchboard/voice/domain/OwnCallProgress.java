package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.events.CallAttemptCompleted;
import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PendingInvite;
import io.switchboard.voice.domain.port.Signalling;
import io.switchboard.voice.domain.port.SignallingException;

/**
 * An agent's own call after the request: their phone rings; when they pick up, the customer is
 * called through the outbound trunk and the legs are bridged at once, so the carrier's ringback
 * (early media) reaches the agent; when the customer answers the call is like any other. Busy, no
 * answer within the ring timeout, or a refusal ends it with that outcome and releases the other leg.
 * A campaign's preview call goes the same way: the customer rings for the attempt's ring time, and the
 * customer answering is the attempt's CONNECTED (any other end settles it: {@link AttemptResults#settle}).
 */
public final class OwnCallProgress {

    private static final Logger LOG = Logger.getLogger(OwnCallProgress.class);

    private final Signalling signalling;
    private final Media media;
    private final CallLegs legs;
    private final Outbox outbox;
    private final Clock clock;
    private final CallSettings settings;
    private final AttemptResults results;

    public OwnCallProgress(Signalling signalling, Media media, CallLegs legs, Outbox outbox, Clock clock, CallSettings settings,
            AttemptResults results) {
        this.results = results;
        this.signalling = signalling;
        this.media = media;
        this.legs = legs;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
    }

    boolean trunkConfigured() {
        return settings.outboundTrunk();
    }

    /** The call is in progress and its outbound contact is published. */
    void admit(Call call, OwnCalls.Request request) {
        legs.admit(call, settings.maxCallDuration());
        outbox.announce(call, events -> events.placed(call, request.agentId(), request.to()),
                refused -> legs.hangUp(refused, ContactEnded.Reason.ERROR));
    }

    void ringAgent(Call call, String contact) {
        call.agentMedia = media.open("agent");
        PendingInvite invite = signalling.ringAgentForOwnCall(call, contact);
        call.state = Call.State.RINGING;
        call.agentCallId = invite.callId();
        legs.addLeg(call, call.agentCallId);
        invite.send();
        giveUpUnanswered(call, call.agentCallId);
    }

    /** Whether an answer or timeout belongs to one of our own INVITEs of a call being placed. */
    boolean placing(Call call, String callId) {
        return call.outbound && (call.offerId == null && callId.equals(call.agentCallId) || callId.equals(call.callerCallId)
                && (call.state == Call.State.DIALING || call.customerRinging));
    }

    /** Whether {@code callId} is the customer's leg of a call still dialling them (a trunk's challenge is answered then). */
    public static boolean dialling(Call call, String callId) {
        return call.state == Call.State.DIALING && callId.equals(call.callerCallId);
    }

    /** A 2xx to one of our INVITEs of the call; false when it answers a leg we gave up on (it is then let go). */
    boolean answered(Call call, String callId, Optional<InetSocketAddress> audio) {
        synchronized (call) {
            boolean agentLeg = callId.equals(call.agentCallId);
            if (agentLeg && call.state == Call.State.RINGING && !call.agentCancelled) {
                agentPickedUp(call, audio);
                return true;
            }
            if (!agentLeg && call.state == Call.State.DIALING) {
                customerPickedUp(call, audio);
                return true;
            }
            // The same answer again for a leg that is up is kept; one after we gave up on the leg is let go.
            return agentLeg ? call.agentAnswered() : call.callerAnswered;
        }
    }

    /** The agent's phone or the customer refused, or rang past the ring timeout (408). */
    void failed(Call call, String callId, int status, String reason) {
        synchronized (call) {
            if (call.state == Call.State.RINGING && callId.equals(call.agentCallId)) {
                LOG.infof("agent %s's phone answered %d: call %s not placed", call.agentId, status, call.contactId);
                call.attemptDetail = "the agent's phone answered " + status;
                legs.closeAgentLeg(call);
                legs.end(call, ContactEnded.Reason.ERROR);
            } else if (dialling(call, callId)) {
                LOG.infof("customer of call %s answered %d", call.contactId, status);
                call.attemptDetail = status + " " + reason;
                call.customerRinging = false;
                legs.releaseAgentLeg(call);
                legs.end(call, customerOutcome(status));
            }
        }
    }

    private void agentPickedUp(Call call, Optional<InetSocketAddress> audio) {
        audio.ifPresent(call.agentMedia::remote);
        legs.bridge(call);
        try {
            PendingInvite invite = signalling.dialCustomer(call);
            call.state = Call.State.DIALING;
            call.customerRinging = true;
            call.offeredAt = clock.now();
            invite.send();
            giveUpUnanswered(call, call.callerCallId);
        } catch (SignallingException e) {
            LOG.warnf("could not call the customer of %s through the trunk: %s", call.contactId, e.getMessage());
            call.attemptDetail = "the trunk could not be reached";
            call.state = Call.State.DIALING;
            call.customerRinging = false;
            legs.releaseAgentLeg(call);
            legs.end(call, ContactEnded.Reason.ERROR);
        }
    }

    private void customerPickedUp(Call call, Optional<InetSocketAddress> audio) {
        call.callerAnswered = true;
        call.customerRinging = false;
        audio.ifPresent(call.callerMedia::remote);
        call.state = Call.State.CONNECTED;
        call.answeredAt = clock.now();
        call.customerAnsweredAt = call.answeredAt;
        legs.startRecording(call);
        legs.bridge(call);
        results.report(call, CallAttemptCompleted.Result.CONNECTED, "answered");
    }

    /** A leg still ringing after the ring timeout is cancelled and the call ends. */
    private void giveUpUnanswered(Call call, String callId) {
        boolean customer = callId.equals(call.callerCallId);
        Duration ringTimeout = customer && call.campaign != null ? call.campaign.ringTimeout() : settings.ringTimeout();
        clock.schedule(ringTimeout, () -> {
            synchronized (call) {
                if (call.state == Call.State.RINGING && callId.equals(call.agentCallId)) {
                    call.attemptDetail = "the agent's phone did not answer within " + ringTimeout.toSeconds() + " s";
                    legs.cancelAgent(call);
                    legs.end(call, ContactEnded.Reason.ERROR);
                } else if (dialling(call, callId)) {
                    call.attemptDetail = "no answer within " + ringTimeout.toSeconds() + " s";
                    legs.releaseCallerLeg(call);
                    call.customerRinging = false;
                    legs.releaseAgentLeg(call);
                    legs.end(call, ContactEnded.Reason.NO_ANSWER);
                }
            }
        });
    }

    static ContactEnded.Reason customerOutcome(int status) {
        return switch (status) {
            case 486, 600, 603 -> ContactEnded.Reason.BUSY;
            case 408, 480, 487 -> ContactEnded.Reason.NO_ANSWER;
            default -> ContactEnded.Reason.ERROR;
        };
    }
}
