package io.switchboard.voice.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Recording;

/**
 * One call through the gateway, with two legs named by their SIP Call-IDs (and a supervisor's third
 * while one monitors it: {@link Monitor}). Inbound: the caller's leg
 * (answered by us) and, once routing offers it, the agent's leg (our INVITE to their phone). Outbound
 * (click-to-call): the agent's leg first, then the customer's (our INVITE through the outbound trunk);
 * the "caller" fields then hold the customer's leg. Guarded by its own monitor: SIP events, routing
 * events and timers touch it from different threads. The state machine that moves it is
 * {@link CallFlow}; no signalling or media type lives here.
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
        /** A campaign's predictive or survey call: our INVITE to the customer is ringing, no agent yet. */
        CALLING,
        /** An IVR survey campaign's call: the customer hears the questions and presses a key for each. */
        ASKING,
        /** A campaign's call no agent was offered within the grace time: the abandoned-call message plays before our BYE. */
        ABANDONING,
        /** Caller and agent are bridged. */
        CONNECTED,
        /** The agent hung up; the caller hears the satisfaction survey and may press 1 to 5 (the contact has ended). */
        SURVEY,
        /** The caller's score is published; the thanks play before we hang up. */
        SURVEY_ANSWERED,
        ENDED
    }

    public final String contactId;
    public final String callerCallId;
    public final String tenantId;
    public final String did;
    public final String caller;
    public final Instant startedAt;
    public final AudioLeg callerMedia;
    public final int payloadType;
    public final int dtmfPayloadType;
    /** Placed by an agent (click-to-call) rather than received from a trunk. */
    public final boolean outbound;

    public volatile State state = State.IVR;
    /** The caller's leg (outbound: the customer's) is a dialog: our 200 went out, or the customer answered. */
    public boolean callerAnswered;
    /** Outbound: our INVITE to the customer rings (cancelled if the agent hangs up first). */
    public boolean customerRinging;
    public String entryPoint;
    public String ivrPath = "";
    /** The queue the caller chose in the tenant's menu (null: the entry point's queue). */
    public String chosenQueue;
    /** How often the menu was offered: a timeout of an earlier round is void. */
    int menuRound;
    /** How often the survey's question was asked: a timeout of an earlier round is void. */
    int surveyRound;
    /** Keys outside 1 to 5 pressed in the survey. */
    int surveyWrongKeys;
    /** The closed prompt was played (it plays once, however often routing asks). */
    boolean closedPromptPlayed;
    public boolean published;
    public Instant queuedAt;
    public Instant offeredAt;
    public Instant answeredAt;
    public Instant endedAt;
    public ContactEnded.Reason endReason;

    public String agentId;
    public String offerId;
    public volatile String queueId;
    public volatile AudioLeg agentMedia;
    public String agentCallId;
    public boolean agentCancelled;
    /** The agent's phone asked for a transfer (REFER) and waits for NOTIFYs about it. */
    public boolean referred;
    /** A transfer to an outside number: the Call-ID and media of our INVITE to it, until it answers. */
    public String transferCallId;
    public AudioLeg transferMedia;
    /**
     * The contact is over for the center (transferred out) while the call still runs through the
     * gateway: nothing more is published about it.
     */
    public boolean contactOver;
    /** The supervisor listening, whispering or barging in, from their phone ringing until they leave (null otherwise). */
    public volatile Monitor monitor;
    /** The campaign attempt this call is (null for any other call). */
    public CampaignAttempt campaign;
    /** A campaign's call: when the customer (or their machine) picked up; {@link #answeredAt} stays the agent's answer. */
    public Instant customerAnsweredAt;
    /** A campaign's call: its result is reported (once). */
    boolean attemptReported;
    /** A campaign's call: the carrier's status or our reason, for the result's detail. */
    String attemptDetail;
    /** An IVR survey campaign's call: the prompts to play (resolved for the tenant) and the keys pressed so far. */
    List<String> questions = List.of();
    final List<String> answers = new ArrayList<>();
    /** How often a survey question was asked: a silence timer of an earlier question is void. */
    int questionRound;
    /** Both legs' audio being written while a recorded call is connected (null otherwise). */
    public Recording recording;

    private volatile Instant holdStarted;
    private Duration held = Duration.ZERO;

    public Call(String contactId, String callerCallId, String tenantId, String did, String caller, Instant startedAt,
            AudioLeg callerMedia, int payloadType, int dtmfPayloadType, boolean outbound) {
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

    /** The agent's leg is a dialog (their phone answered). */
    boolean agentAnswered() {
        return state == State.CONNECTED || state == State.DIALING;
    }
}
