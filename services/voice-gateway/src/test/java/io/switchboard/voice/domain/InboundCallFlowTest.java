package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.MAIN;
import static io.switchboard.voice.domain.CallFlowHarness.PLAIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The caller's way in, without SIP: admission, the IVR walk, the queue and its comfort messages (docs/voice-gateway.md, steps 1–4). */
class InboundCallFlowTest {

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void anUnknownNumberIsRefusedAndAFullGatewayTurnsCallersAway() {
        assertThat(calls.admission.admit("+449999999999").kind()).isEqualTo(InboundAdmission.Kind.UNKNOWN_NUMBER);
        assertThat(calls.admission.admit(null).kind()).isEqualTo(InboundAdmission.Kind.UNKNOWN_NUMBER);
        assertThat(calls.admission.admit(MAIN).kind()).isEqualTo(InboundAdmission.Kind.ADMITTED);
        calls.callerArrives(MAIN, "a");
        calls.callerArrives(MAIN, "b");
        calls.callerArrives(MAIN, "c");
        assertThat(calls.admission.admit(MAIN).kind()).as("max-calls is 3").isEqualTo(InboundAdmission.Kind.FULL);
    }

    @Test
    void beforeTheTenantsAreLoadedEveryNumberIsNotReadyYet() {
        InboundAdmission early = new InboundAdmission(new VoiceDirectory(), new CallRegistry(), () -> true, 10);
        assertThat(early.admit(MAIN).kind()).isEqualTo(InboundAdmission.Kind.NOT_READY);
    }

    @Test
    void whileTheBrokerIsAwayACallToAKnownNumberIsTurnedAwayAndAnsweredAgainOnceItIsBack() {
        calls.brokerUp.set(false);
        assertThat(calls.admission.admit(MAIN).kind()).isEqualTo(InboundAdmission.Kind.BROKER_AWAY);
        assertThat(calls.admission.admit("+449999999999").kind()).as("an unknown number stays a 404").isEqualTo(
                InboundAdmission.Kind.UNKNOWN_NUMBER);
        calls.brokerUp.set(true);
        assertThat(calls.admission.admit(MAIN).kind()).isEqualTo(InboundAdmission.Kind.ADMITTED);
    }

    @Test
    void theAckStartsTheMenuAndAKeyMakesTheContactInTheChosenEntryPointWithQueueAudio() {
        Call call = calls.callerArrives(MAIN, "caller-1");
        assertThat(call.state).isEqualTo(Call.State.IVR);
        assertThat(calls.media.playing(call.callerMedia)).contains("welcome.ul");

        int mark = calls.mark();
        calls.media.press(call.callerMedia, '2');

        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effectsSince(mark)).containsExactly(
                "play queue.ul looped to " + call.callerMedia,
                "contact.created " + call.contactId + " entryPoint=loans-line ivrPath=2",
                "journal opened " + call.contactId);
        assertThat(call.published).isTrue();
    }

    @Test
    void aRepeatedAckDoesNotRestartTheMenu() {
        Call call = calls.callerArrives(MAIN, "caller-1");
        int mark = calls.mark();
        calls.flow.signalling().acked("caller-1");
        assertThat(calls.effectsSince(mark)).isEmpty();
    }

    @Test
    void anUnknownKeyPlaysNotAValidChoiceThenTheMenuAgain() {
        Call call = calls.callerArrives(MAIN, "caller-1");
        calls.media.press(call.callerMedia, '9');
        assertThat(calls.media.playing(call.callerMedia)).contains("invalid.ul");
        calls.media.finish(call.callerMedia);
        assertThat(calls.media.playing(call.callerMedia)).contains("welcome.ul");
        assertThat(call.state).isEqualTo(Call.State.IVR);
    }

    @Test
    void silenceAfterThePromptTakesTheDefaultChoiceAsTimeout() {
        Call call = calls.callerArrives(MAIN, "caller-1");
        calls.media.finish(call.callerMedia);
        calls.clock.advance(Duration.ofSeconds(7));
        assertThat(call.state).isEqualTo(Call.State.IVR);

        calls.clock.advance(Duration.ofSeconds(1));

        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(call.entryPoint).as("no default-choice: the DID itself").isEqualTo(MAIN);
        assertThat(call.ivrPath).isEqualTo("timeout");
    }

    @Test
    void aNumberWithoutAMenuGoesStraightToItsQueue() {
        Call call = calls.callerArrives(PLAIN, "caller-1");
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(call.entryPoint).isEqualTo(PLAIN);
        assertThat(call.ivrPath).isEmpty();
        assertThat(calls.media.playing(call.callerMedia)).contains("queue.ul");
    }

    @Test
    void everyComfortIntervalTheWaitingCallerHearsTheExpectedWaitThenTheQueueAudioAgain() {
        calls.estimates.answered(CallFlowHarness.TENANT, "billing", Duration.ofSeconds(90));
        Call call = calls.queuedCaller();
        calls.clock.advance(Duration.ofSeconds(29));
        assertThat(calls.media.playing(call.callerMedia)).contains("queue.ul");

        calls.clock.advance(Duration.ofSeconds(1));
        assertThat(calls.media.playing(call.callerMedia)).contains("wait-intro.ul");
        calls.media.finish(call.callerMedia);
        assertThat(calls.media.playing(call.callerMedia)).contains("number-2.ul");
        calls.media.finish(call.callerMedia);
        assertThat(calls.media.playing(call.callerMedia)).contains("minutes.ul");
        calls.media.finish(call.callerMedia);
        assertThat(calls.media.playing(call.callerMedia)).contains("queue.ul");
    }

    @Test
    void aQueueWithoutAnEstimateOnlyThanksTheCaller() {
        Call call = calls.queuedCaller();
        calls.clock.advance(Duration.ofSeconds(30));
        assertThat(calls.media.playing(call.callerMedia)).contains("still-waiting.ul");
    }

    @Test
    void aBrokerThatRefusesTheContactHangsTheCallerUp() {
        Call call = calls.callerArrives(MAIN, "caller-1");
        calls.events.refuse = true;
        calls.media.press(call.callerMedia, '1');
        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(call.endReason).isEqualTo(io.switchboard.events.ContactEnded.Reason.ERROR);
        assertThat(calls.effects).contains("BYE caller-1").doesNotContain("journal opened " + call.contactId);
    }
}
