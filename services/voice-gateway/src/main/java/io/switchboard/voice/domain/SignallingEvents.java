package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.domain.port.AudioLeg;

/**
 * The commands the signalling side gives the call flow, each naming a leg by its Call-ID: a caller
 * arrives, ACKs, hangs up, cancels or is lost; a peer re-INVITEs; the agent's phone REFERs; our
 * INVITEs are answered, refused or time out. A Call-ID of no call here changes nothing.
 */
public final class SignallingEvents {

    /** What our answer to a re-INVITE names: the leg's port (none: port 9) and the call's codec. */
    public record ReInviteAnswer(Optional<AudioLeg> leg, int payloadType) {
    }

    private final CallRegistry calls;
    private final InboundCalls inbound;
    private final Hangups hangups;
    private final Holding holding;
    private final PhoneTransfers transfers;
    private final LegOutcomes outcomes;

    public SignallingEvents(CallRegistry calls, InboundCalls inbound, Hangups hangups, Holding holding, PhoneTransfers transfers,
            LegOutcomes outcomes) {
        this.calls = calls;
        this.inbound = inbound;
        this.hangups = hangups;
        this.holding = holding;
        this.transfers = transfers;
        this.outcomes = outcomes;
    }

    /** An admitted caller with media; the signalling side answers next and reports {@link #callerAnswered}. */
    public Call callerArrived(String callId, EntryPointRoute route, String from, AudioLeg media, int codec, int telephoneEvent) {
        return inbound.arrive(callId, route, from, media, codec, telephoneEvent);
    }

    public void callerAnswered(Call call) {
        inbound.answered(call);
    }

    public void acked(String callId) {
        calls.byCallId(callId).ifPresent(call -> inbound.acked(call, callId));
    }

    /** Whether {@code callId} is a leg of a call here (else: 481). */
    public boolean knows(String callId) {
        return calls.byCallId(callId).isPresent();
    }

    public void bye(String callId) {
        calls.byCallId(callId).ifPresent(call -> hangups.bye(call, callId));
    }

    public void cancelled(String callId) {
        calls.byCallId(callId).ifPresent(hangups::cancel);
    }

    public void lost(String callId) {
        calls.byCallId(callId).ifPresent(call -> hangups.lost(call, callId));
    }

    /** A peer's re-INVITE; empty for a Call-ID of no call here. */
    public Optional<ReInviteAnswer> reInvited(String callId, boolean onHold, InetSocketAddress audio) {
        return calls.byCallId(callId).map(call -> new ReInviteAnswer(holding.reInvited(call, callId, onHold, audio), call.payloadType));
    }

    /** Whether {@code callId} is the agent's leg of a call here (a REFER is only taken there). */
    public boolean onAgentLeg(String callId) {
        return calls.byCallId(callId).filter(call -> callId.equals(call.agentCallId)).isPresent();
    }

    /** The phone on leg {@code callId} asks to move the call to {@code target}; {@code accept} sends the 202. */
    public PhoneTransfers.Verdict refer(String callId, String target, Runnable accept) {
        return calls.byCallId(callId).map(call -> transfers.refer(call, callId, target, accept)).orElse(PhoneTransfers.Verdict.NO_SUCH_CALL);
    }

    /**
     * Whether {@code callId} is the customer's leg of an own call or a campaign's call still being dialled
     * (a trunk's challenge is answered then).
     */
    public boolean dialling(String callId) {
        return calls.byCallId(callId).filter(call -> OwnCallProgress.dialling(call, callId) || CampaignProgress.calling(call, callId))
                .isPresent();
    }

    /** A 2xx to our INVITE on leg {@code callId}; false: nobody wants it, let it go (BYE). */
    public boolean answered(String callId, Optional<InetSocketAddress> audio) {
        return answered(callId, audio, Optional.empty());
    }

    /** As {@link #answered(String, Optional)}, with the carrier's answering-machine header ({@code X-Answered-By}) when it sent one. */
    public boolean answered(String callId, Optional<InetSocketAddress> audio, Optional<String> answeredBy) {
        return calls.byCallId(callId).map(call -> outcomes.answered(call, callId, audio, answeredBy)).orElse(false);
    }

    public void refused(String callId, int status, String reason) {
        calls.byCallId(callId).ifPresent(call -> outcomes.refused(call, callId, status, reason));
    }

    public void timedOut(String callId) {
        calls.byCallId(callId).ifPresent(call -> outcomes.timedOut(call, callId));
    }
}
