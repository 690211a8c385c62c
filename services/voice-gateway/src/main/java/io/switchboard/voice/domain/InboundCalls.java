package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.UUID;

import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Clock;

/** A trunk's call for one of the DIDs: answered at once, then the IVR once the caller ACKs our answer. */
public final class InboundCalls {

    private final CallLegs legs;
    private final Ivr ivr;
    private final Clock clock;
    private final Duration maxCallDuration;

    public InboundCalls(CallLegs legs, Ivr ivr, Clock clock, Duration maxCallDuration) {
        this.legs = legs;
        this.ivr = ivr;
        this.clock = clock;
        this.maxCallDuration = maxCallDuration;
    }

    /** The caller's INVITE was admitted and has media: a call in the IVR state, answered next by the signalling side. */
    Call arrive(String callerCallId, EntryPointRoute route, String from, AudioLeg media, int codec, int telephoneEvent) {
        Call call = new Call(UUID.randomUUID().toString(), callerCallId, route.tenantId(), route.address(), from, clock.now(), media,
                codec, telephoneEvent, false);
        legs.admit(call, maxCallDuration);
        return call;
    }

    /** Our 200 went out: the caller's leg is a dialog. */
    void answered(Call call) {
        synchronized (call) {
            call.callerAnswered = true;
        }
    }

    /** The caller's ACK: the IVR starts. */
    void acked(Call call, String callId) {
        if (callId.equals(call.callerCallId)) {
            ivr.start(call);
        }
    }
}
