package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.Signalling;

/**
 * Hold and resume. From the inbox: the caller's side is re-INVITEd {@code sendonly} (RFC 3264 §8.4)
 * and hears hold audio while the agent hears nothing; resume re-INVITEs {@code sendrecv} and bridges
 * again. From either peer: its re-INVITE starts or ends hold. The time counts as hold seconds.
 */
public final class Holding {

    private final Signalling signalling;
    private final Media media;
    private final CallLegs legs;
    private final Clock clock;

    public Holding(Signalling signalling, Media media, CallLegs legs, Clock clock) {
        this.signalling = signalling;
        this.media = media;
        this.legs = legs;
        this.clock = clock;
    }

    /** The agent who holds the call puts the caller on hold ({@code on}) or takes them back. */
    void hold(Call call, String agentId, boolean on) {
        synchronized (call) {
            if (call.state != Call.State.CONNECTED || !agentId.equals(call.agentId) || call.onHold() == on) {
                return;
            }
            call.hold(on, clock.now());
            if (on) {
                media.ignore(call.callerMedia);
                media.ignore(call.agentMedia);
                if (call.monitor != null) {
                    // A supervisor taking part hears nothing either until RESUME mixes the legs again.
                    media.ignore(call.monitor.media);
                }
                media.play(call.callerMedia, Queueing.QUEUE_PROMPT, call.payloadType, true, null);
            } else {
                media.stop(call.callerMedia);
                legs.bridge(call);
            }
            signalling.reInviteCaller(call, on ? "sendonly" : "sendrecv");
        }
    }

    /**
     * A peer's re-INVITE on leg {@code callId}: hold when it stops sending, the new address otherwise.
     * The leg whose port our answer names; empty when the leg has no media (our answer then names port 9).
     */
    Optional<AudioLeg> reInvited(Call call, String callId, boolean onHold, InetSocketAddress audio) {
        synchronized (call) {
            if (Monitoring.owns(call, callId)) {
                // The supervisor's phone holding or moving changes only where its leg sends, never the call's hold.
                if (!onHold) {
                    call.monitor.media.remote(audio);
                }
                return Optional.of(call.monitor.media);
            }
            AudioLeg leg = callId.equals(call.callerCallId) ? call.callerMedia : call.agentMedia;
            call.hold(onHold, clock.now());
            if (!onHold && leg != null) {
                leg.remote(audio);
            }
            return Optional.ofNullable(leg);
        }
    }
}
