package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.Optional;

import io.switchboard.events.CallAttemptCompleted.Result;
import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PromptLibrary;

/**
 * An IVR survey campaign's call once a person answered: each question plays in turn and one RFC 4733 key
 * answers it (also while it plays); silence for the key timeout after a question answers it "". After the
 * last one {@code survey-thanks} plays, the customer gets our BYE and the attempt is CONNECTED with the
 * answers. No agent, no contact.
 */
public final class CampaignSurvey {

    private final Media media;
    private final Clock clock;
    private final PromptLibrary prompts;
    private final CallLegs legs;
    private final AttemptResults results;
    private final Duration keyTimeout;

    public CampaignSurvey(Media media, Clock clock, PromptLibrary prompts, CallLegs legs, AttemptResults results, Duration keyTimeout) {
        this.media = media;
        this.clock = clock;
        this.prompts = prompts;
        this.legs = legs;
        this.results = results;
        this.keyTimeout = keyTimeout;
    }

    /** The customer answered (caller holds the monitor): the first question. */
    void start(Call call) {
        call.state = Call.State.ASKING;
        media.readKeys(call.callerMedia, call.dtmfPayloadType, key -> key(call, key));
        ask(call);
    }

    private void ask(Call call) {
        int round = ++call.questionRound;
        media.play(call.callerMedia, call.questions.get(call.answers.size()), call.payloadType, false,
                () -> clock.schedule(keyTimeout, () -> silence(call, round)));
    }

    void key(Call call, char key) {
        synchronized (call) {
            if (call.state == Call.State.ASKING) {
                answer(call, String.valueOf(key));
            }
        }
    }

    void silence(Call call, int round) {
        synchronized (call) {
            if (call.state == Call.State.ASKING && call.questionRound == round && media.playing(call.callerMedia).isEmpty()) {
                answer(call, "");
            }
        }
    }

    private void answer(Call call, String key) {
        call.answers.add(key);
        if (call.answers.size() < call.questions.size()) {
            ask(call);
            return;
        }
        call.state = Call.State.SURVEY_ANSWERED;
        media.ignore(call.callerMedia);
        results.report(call, Result.CONNECTED, "survey answered");
        Optional<String> thanks = prompts.resolve(call.tenantId, PostCallSurvey.THANKS_PROMPT);
        if (thanks.isEmpty()) {
            legs.hangUp(call, ContactEnded.Reason.AGENT_ENDED);
            return;
        }
        media.play(call.callerMedia, thanks.get(), call.payloadType, false, () -> legs.hangUp(call, ContactEnded.Reason.AGENT_ENDED));
    }
}
