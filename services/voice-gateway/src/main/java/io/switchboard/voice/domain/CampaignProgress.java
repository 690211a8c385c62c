package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.events.CallAttemptCompleted.Result;
import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PendingInvite;
import io.switchboard.voice.domain.port.PromptLibrary;
import io.switchboard.voice.domain.port.Signalling;
import io.switchboard.voice.domain.port.SignallingException;

/**
 * A campaign's predictive (or survey) call, customer first: our INVITE rings for the attempt's ring time,
 * then CANCEL. A machine (as the carrier reports it) gets our BYE. A person becomes a contact in the
 * campaign's queue and hears the queue audio; routing must offer it within the grace time (the attempt is
 * CONNECTED then, and the call is an inbound call's from there on), or the customer hears the
 * abandoned-call message and our BYE (ABANDONED, the contact ends TIMEOUT). A survey campaign's person
 * hears the questions instead ({@link CampaignSurvey}).
 */
public final class CampaignProgress {

    /** A tenant's own recording of this name wins over the built-in one. */
    static final String ABANDONED_PROMPT = "dialer-abandoned";
    private static final Logger LOG = Logger.getLogger(CampaignProgress.class);

    private final Signalling signalling;
    private final Media media;
    private final Clock clock;
    private final PromptLibrary prompts;
    private final CallLegs legs;
    private final Outbox outbox;
    private final AttemptResults results;
    private final CampaignSurvey survey;
    private final AnsweringMachine machines;
    private final Duration maxCallDuration;

    public CampaignProgress(Signalling signalling, Media media, Clock clock, PromptLibrary prompts, CallLegs legs, Outbox outbox,
            AttemptResults results, CampaignSurvey survey, AnsweringMachine machines, Duration maxCallDuration) {
        this.signalling = signalling;
        this.media = media;
        this.clock = clock;
        this.prompts = prompts;
        this.legs = legs;
        this.outbox = outbox;
        this.results = results;
        this.survey = survey;
        this.machines = machines;
        this.maxCallDuration = maxCallDuration;
    }

    /** Whether {@code callId} is the customer's leg of a campaign call still ringing (its answer, refusal or timeout is ours; a trunk's challenge is answered). */
    static boolean calling(Call call, String callId) {
        return call.campaign != null && call.state == Call.State.CALLING && callId.equals(call.callerCallId);
    }

    /** The customer's phone rings; shown as {@code displayName} (the tenant's name). */
    void dial(Call call, String displayName) {
        synchronized (call) {
            legs.admit(call, maxCallDuration);
            try {
                PendingInvite invite = signalling.dialCampaignCustomer(call, displayName);
                call.state = Call.State.CALLING;
                call.customerRinging = true;
                invite.send();
                clock.schedule(call.campaign.ringTimeout(), () -> rangOut(call));
            } catch (SignallingException e) {
                LOG.warnf("campaign call %s not placed through the trunk: %s", call.contactId, e.getMessage());
                call.customerRinging = false;
                call.attemptDetail = "the trunk could not be reached";
                legs.end(call, ContactEnded.Reason.ERROR);
            }
        }
    }

    /** The customer's phone answered: a machine is hung up, a person is asked the survey or waits for an agent. */
    boolean answered(Call call, Optional<InetSocketAddress> audio, Optional<String> answeredBy) {
        synchronized (call) {
            if (call.state != Call.State.CALLING) {
                return call.callerAnswered && call.state != Call.State.ENDED;
            }
            call.callerAnswered = true;
            call.customerRinging = false;
            call.customerAnsweredAt = clock.now();
            audio.ifPresent(call.callerMedia::remote);
            if (machines.detected(answeredBy)) {
                LOG.infof("campaign call %s answered by a machine (%s)", call.contactId, answeredBy.orElse(""));
                results.report(call, Result.MACHINE, "answered by " + answeredBy.orElse("a machine"));
                legs.hangUp(call, ContactEnded.Reason.TIMEOUT);
            } else if (call.campaign.survey()) {
                survey.start(call);
            } else {
                waitForAgent(call);
            }
            return true;
        }
    }

    /** The customer's phone refused (or Timer B: 408): busy, no answer, or failed. */
    void failed(Call call, int status, String reason) {
        synchronized (call) {
            if (call.state != Call.State.CALLING) {
                return;
            }
            call.customerRinging = false;
            call.attemptDetail = status + " " + reason;
            legs.end(call, OwnCallProgress.customerOutcome(status));
        }
    }

    /** Routing offers the contact to an agent: within the grace time, the attempt is CONNECTED. */
    void offered(Call call) {
        synchronized (call) {
            if (call.campaign != null && call.state == Call.State.QUEUED) {
                results.report(call, Result.CONNECTED, "offered to an agent");
            }
        }
    }

    private void waitForAgent(Call call) {
        call.state = Call.State.QUEUED;
        call.entryPoint = call.did;
        call.chosenQueue = call.campaign.queueId();
        call.queueId = call.campaign.queueId();
        call.queuedAt = clock.now();
        media.ignore(call.callerMedia);
        media.play(call.callerMedia, Queueing.QUEUE_PROMPT, call.payloadType, true, null);
        outbox.announce(call, events -> events.campaignAnswered(call), refused -> abandon(refused, "the contact could not be published"));
        clock.schedule(call.campaign.abandonGrace(), () -> {
            synchronized (call) {
                if (call.state == Call.State.QUEUED && !call.attemptReported) {
                    abandon(call, "no agent within " + call.campaign.abandonGrace().toSeconds() + " s");
                }
            }
        });
    }

    /** No agent for the customer: the abandoned-call message, then our BYE; the contact (if published) ends TIMEOUT. */
    void abandon(Call call, String detail) {
        synchronized (call) {
            if (call.state != Call.State.QUEUED) {
                return;
            }
            LOG.infof("campaign call %s abandoned: %s", call.contactId, detail);
            call.state = Call.State.ABANDONING;
            results.report(call, Result.ABANDONED, detail);
            Optional<String> message = prompts.resolve(call.tenantId, ABANDONED_PROMPT);
            if (message.isEmpty()) {
                legs.hangUp(call, ContactEnded.Reason.TIMEOUT);
                return;
            }
            media.play(call.callerMedia, message.get(), call.payloadType, false, () -> legs.hangUp(call, ContactEnded.Reason.TIMEOUT));
        }
    }

    /** Still ringing after the attempt's ring time: CANCEL, NO_ANSWER. */
    private void rangOut(Call call) {
        synchronized (call) {
            if (call.state == Call.State.CALLING) {
                call.attemptDetail = "no answer within " + call.campaign.ringTimeout().toSeconds() + " s";
                legs.releaseCallerLeg(call);
                call.customerRinging = false;
                legs.end(call, ContactEnded.Reason.NO_ANSWER);
            }
        }
    }
}
