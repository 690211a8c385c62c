package io.switchboard.voice.domain;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PromptLibrary;
import io.switchboard.voice.domain.port.Signalling;

/**
 * The satisfaction survey after a call (issue 21): when the agent hangs up a connected inbound call,
 * the caller's leg stays up, hears the {@code survey} prompt and presses 1 to 5 (RFC 4733, read as the
 * IVR reads keys). The contact ends (AGENT_ENDED) as the agent's BYE arrives, before the survey starts,
 * so the survey never delays it. A score is published once, then {@code survey-thanks} plays and the
 * caller is hung up. Silence for the timeout after the prompt, or a second key outside 1 to 5: the
 * caller is hung up and nothing is published; a caller who hangs up first leaves nothing either.
 * {@link #offer} runs under the call's monitor (the agent's BYE holds it); keys and timers take it themselves.
 */
public final class PostCallSurvey {

    static final String SURVEY_PROMPT = "survey";
    static final String THANKS_PROMPT = "survey-thanks";
    /** A key outside 1 to 5 hears "not a valid choice" and the question again; the second one ends the call. */
    static final int KEYS_ALLOWED_WRONG = 1;

    private static final Logger LOG = Logger.getLogger(PostCallSurvey.class);

    private final Signalling signalling;
    private final Media media;
    private final Clock clock;
    private final PromptLibrary prompts;
    private final CallLegs legs;
    private final Outbox outbox;
    private final CallSettings.Survey settings;
    private final OptOuts optOuts;

    public PostCallSurvey(Signalling signalling, Media media, Clock clock, PromptLibrary prompts, CallLegs legs, Outbox outbox,
            CallSettings.Survey settings, OptOuts optOuts) {
        this.optOuts = optOuts;
        this.signalling = signalling;
        this.media = media;
        this.clock = clock;
        this.prompts = prompts;
        this.legs = legs;
        this.outbox = outbox;
        this.settings = settings;
    }

    /**
     * The agent's BYE on a call: when the survey applies, the agent's leg goes, the contact ends and the
     * caller is asked; false leaves the call to end as it always did. It applies to an inbound call
     * connected to an agent whose contact is still the center's (not transferred out, no transfer pending),
     * not on hold (a held caller sends no keys), with a caller that can send RFC 4733 keys, whose number has
     * not opted out of being contacted by the tenant (issue 21: the consent topic).
     */
    boolean offer(Call call) {
        if (!settings.enabled() || call.outbound || call.state != Call.State.CONNECTED || !call.published || call.contactOver
                || call.referred || call.transferCallId != null || call.onHold() || call.dtmfPayloadType < 0 || !call.callerAnswered) {
            return false;
        }
        if (optOuts.optedOut(call.tenantId, call.caller)) {
            LOG.debugf("survey of contact %s not offered: the caller's number opted out", call.contactId);
            return false;
        }
        Optional<String> question = prompts.resolve(call.tenantId, SURVEY_PROMPT);
        if (question.isEmpty()) {
            return false;
        }
        String agentLeg = call.agentCallId;
        legs.closeAgentLeg(call);
        legs.forgetLeg(agentLeg);
        signalling.legEnded(agentLeg);
        call.state = Call.State.SURVEY;
        legs.endContact(call, ContactEnded.Reason.AGENT_ENDED);
        media.readKeys(call.callerMedia, call.dtmfPayloadType, key -> key(call, key));
        ask(call, question.get());
        LOG.debugf("survey of contact %s started", call.contactId);
        return true;
    }

    /** The question (again), then the wait for a key; a new round makes earlier timeouts void. */
    private void ask(Call call, String question) {
        int round = ++call.surveyRound;
        media.play(call.callerMedia, question, call.payloadType, false,
                () -> clock.schedule(settings.timeout(), () -> timeout(call, round)));
    }

    void key(Call call, char key) {
        synchronized (call) {
            if (call.state != Call.State.SURVEY) {
                return;
            }
            int score = Character.digit(key, 10);
            if (score >= ContactSurveyAnswered.MIN_SCORE && score <= ContactSurveyAnswered.MAX_SCORE) {
                answered(call, score);
            } else if (call.surveyWrongKeys++ < KEYS_ALLOWED_WRONG) {
                call.surveyRound++;
                media.play(call.callerMedia, Ivr.INVALID_PROMPT, call.payloadType, false, () -> {
                    synchronized (call) {
                        if (call.state == Call.State.SURVEY) {
                            prompts.resolve(call.tenantId, SURVEY_PROMPT).ifPresentOrElse(question -> ask(call, question),
                                    () -> legs.hangUp(call, ContactEnded.Reason.AGENT_ENDED));
                        }
                    }
                });
            } else {
                LOG.debugf("survey of contact %s: a second key outside 1 to 5, hanging up", call.contactId);
                legs.hangUp(call, ContactEnded.Reason.AGENT_ENDED);
            }
        }
    }

    private void answered(Call call, int score) {
        call.state = Call.State.SURVEY_ANSWERED;
        media.ignore(call.callerMedia);
        outbox.surveyAnswered(call, score, clock.now());
        Optional<String> thanks = prompts.resolve(call.tenantId, THANKS_PROMPT);
        if (thanks.isEmpty()) {
            legs.hangUp(call, ContactEnded.Reason.AGENT_ENDED);
            return;
        }
        media.play(call.callerMedia, thanks.get(), call.payloadType, false, () -> legs.hangUp(call, ContactEnded.Reason.AGENT_ENDED));
    }

    void timeout(Call call, int round) {
        synchronized (call) {
            if (call.state == Call.State.SURVEY && call.surveyRound == round && media.playing(call.callerMedia).isEmpty()) {
                LOG.debugf("survey of contact %s: no key within %s, hanging up", call.contactId, settings.timeout());
                legs.hangUp(call, ContactEnded.Reason.AGENT_ENDED);
            }
        }
    }
}
