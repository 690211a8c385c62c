package io.switchboard.voice.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.media.MediaLeg;
import io.switchboard.voice.media.WavRecorder;

/**
 * One call through the gateway, with two legs. Inbound: the caller's leg (answered by us) and, once
 * routing offers it, the agent's leg (our INVITE to their phone). Outbound (click-to-call): the agent's
 * leg first (our INVITE to their phone), then the customer's (our INVITE through the outbound trunk);
 * the "caller" fields then hold the customer's leg. Guarded by its own monitor: SIP events, routing
 * events and timers touch it from different threads.
 */
public final class Call {

    public enum State {
        /** Answered, the IVR is playing and reading keys. */
        IVR,
        /** A contact: waiting for an agent with queue audio. */
        QUEUED,
        /** Our INVITE is ringing an agent's phone. */
        RINGING,
        /** Outbound: the agent picked up; our INVITE to the customer is ringing. */
        DIALING,
        /** Caller and agent are bridged. */
        CONNECTED,
        ENDED
    }

    public final String contactId;
    public final String callerCallId;
    public final String tenantId;
    public final String did;
    public final String caller;
    public final Instant startedAt;
    public final MediaLeg callerMedia;
    public final int payloadType;
    public final int dtmfPayloadType;
    /** Placed by an agent (click-to-call) rather than received from a trunk. */
    public final boolean outbound;

    public State state = State.IVR;
    public ServerTransaction callerInvite;
    /** Outbound: our INVITE to the customer, while it rings (cancelled if the agent hangs up first). */
    public ClientTransaction customerInvite;
    /** Outbound: the trunk challenged our INVITE and we answered with our credentials (once per call). */
    public boolean customerChallenged;
    public Dialog callerDialog;
    public String entryPoint;
    public String ivrPath = "";
    public boolean published;
    public Instant queuedAt;
    public Instant offeredAt;
    public Instant answeredAt;
    public Instant endedAt;
    public ContactEnded.Reason endReason;

    public String agentId;
    public String offerId;
    public String queueId;
    public MediaLeg agentMedia;
    public ClientTransaction agentInvite;
    public Dialog agentDialog;
    public String agentCallId;
    public boolean agentCancelled;
    /** The agent's phone asked for a transfer (REFER) and waits for NOTIFYs about it. */
    public boolean referred;
    /** A transfer to an outside number: our INVITE to it through the trunk, its Call-ID and media, until it answers. */
    public ClientTransaction transferInvite;
    public String transferCallId;
    public MediaLeg transferMedia;
    /**
     * The contact is over for the center (transferred out) while the call still runs through the
     * gateway: nothing more is published about it.
     */
    public boolean contactOver;
    /** The WAV recorders of both legs while a recorded call is connected (empty otherwise). */
    public final List<WavRecorder> recordings = new ArrayList<>();

    private Instant holdStarted;
    private Duration held = Duration.ZERO;

    public Call(String contactId, String callerCallId, String tenantId, String did, String caller, Instant startedAt,
            MediaLeg callerMedia, int payloadType, int dtmfPayloadType, boolean outbound) {
        this.contactId = contactId;
        this.callerCallId = callerCallId;
        this.tenantId = tenantId;
        this.did = did;
        this.caller = caller;
        this.startedAt = startedAt;
        this.callerMedia = callerMedia;
        this.payloadType = payloadType;
        this.dtmfPayloadType = dtmfPayloadType;
        this.outbound = outbound;
    }

    public void hold(boolean on, Instant now) {
        if (on && holdStarted == null) {
            holdStarted = now;
        } else if (!on && holdStarted != null) {
            held = held.plus(Duration.between(holdStarted, now));
            holdStarted = null;
        }
    }

    public boolean onHold() {
        return holdStarted != null;
    }

    /** Seconds on hold so far (an open hold counts up to {@code now}). */
    public long holdSeconds(Instant now) {
        return (holdStarted == null ? held : held.plus(Duration.between(holdStarted, now))).toSeconds();
    }
}
