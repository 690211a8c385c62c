package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PendingInvite;
import io.switchboard.voice.domain.port.Signalling;

/**
 * A transfer to a number outside the center, asked by the agent's phone (a REFER to a number). The
 * number is called through the outbound trunk while the agent and the caller stay connected; when it
 * answers, the agent's phone is released, the caller is bridged to the outside party and the contact
 * ends for the center (TRANSFERRED_OUT), though the call runs on through the gateway. Busy, no answer
 * or a refusal leaves the call with the agent, and the phone hears the final status in the NOTIFY.
 */
public final class OutsideTransfers {

    private static final Logger LOG = Logger.getLogger(OutsideTransfers.class);
    /** A number as dialled on a phone's transfer key: digits, optionally international. */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,15}");

    private final Signalling signalling;
    private final Media media;
    private final CallLegs legs;
    private final Clock clock;
    private final Duration ringTimeout;
    private final boolean trunkConfigured;

    public OutsideTransfers(Signalling signalling, Media media, CallLegs legs, Clock clock, Duration ringTimeout,
            boolean trunkConfigured) {
        this.signalling = signalling;
        this.media = media;
        this.legs = legs;
        this.clock = clock;
        this.ringTimeout = ringTimeout;
        this.trunkConfigured = trunkConfigured;
    }

    static boolean isNumber(String target) {
        return NUMBER.matcher(target).matches();
    }

    boolean available() {
        return trunkConfigured;
    }

    /** Calls the number (caller holds the monitor); the outcome arrives as an answer, a refusal or the ring timeout. */
    void start(Call call, String number) {
        AudioLeg leg = media.open("outside");
        try {
            call.transferMedia = leg;
            PendingInvite invite = signalling.dialOutside(call, number);
            call.transferCallId = invite.callId();
            legs.addLeg(call, invite.callId());
            invite.send();
            String callId = invite.callId();
            clock.schedule(ringTimeout, () -> giveUp(call, callId));
        } catch (RuntimeException e) {
            leg.close();
            call.transferMedia = null;
            if (call.transferCallId != null) {
                legs.forgetLeg(call.transferCallId);
                call.transferCallId = null;
            }
            throw e;
        }
    }

    /** Whether an answer or timeout belongs to the INVITE to the outside number, while it is pending. */
    boolean owns(Call call, String callId) {
        return callId.equals(call.transferCallId);
    }

    /** The outside party answered; false when the call is no longer connected (the leg is then let go). */
    boolean answered(Call call, Optional<InetSocketAddress> audio) {
        synchronized (call) {
            if (call.state != Call.State.CONNECTED) {
                return false;
            }
            handOver(call, audio);
            return true;
        }
    }

    /** Busy, refused, no answer at all, or cancelled at the ring timeout: the call stays with the agent. */
    void failed(Call call, int status, String reason) {
        synchronized (call) {
            LOG.infof("transfer of call %s out of the center failed: %d %s", call.contactId, status, reason);
            call.transferMedia.close();
            legs.forgetLeg(call.transferCallId);
            call.transferMedia = null;
            call.transferCallId = null;
            if (call.referred) {
                call.referred = false;
                signalling.notifyReferrer(call, "SIP/2.0 " + status + " " + reason, true);
            }
        }
    }

    /** The outside party takes the agent's place in the call, and the contact leaves the center. */
    private void handOver(Call call, Optional<InetSocketAddress> audio) {
        if (audio.isPresent()) {
            call.transferMedia.remote(audio.get());
        } else {
            LOG.debugf("outside party answered without usable SDP; media goes where its RTP comes from");
        }
        call.referred = false;
        signalling.notifyReferrer(call, "SIP/2.0 200 OK", true);
        signalling.hangUp(call.agentCallId);
        legs.forgetLeg(call.agentCallId);
        legs.closeAgentLeg(call);
        call.agentMedia = call.transferMedia;
        call.agentCallId = call.transferCallId;
        call.transferMedia = null;
        call.transferCallId = null;
        legs.bridge(call);
        legs.endContact(call, ContactEnded.Reason.TRANSFERRED_OUT);
    }

    private void giveUp(Call call, String callId) {
        synchronized (call) {
            if (owns(call, callId)) {
                // The 487 that answers the CANCEL reports the failure to the phone.
                signalling.cancel(callId);
            }
        }
    }
}
