package io.switchboard.voice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.OptOutChanged;
import io.switchboard.events.address.Address;

/**
 * The satisfaction survey after a call the agent ended (issue 21), without SIP: the caller's leg
 * stays for the question, a key 1 to 5 is published as the score, silence or two wrong keys end the
 * call with nothing published; the contact's end goes out as the agent hangs up either way.
 */
class SurveyFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final CallFlowHarness calls = new CallFlowHarness(new CallSettings.Survey(true, TIMEOUT));

    @Test
    void theCallerPresses4AfterTheAgentHungUpAndTheScoreIsPublishedThenTheCallerIsHungUp() {
        Call call = calls.connectedToAlice();
        String agentLeg = call.agentCallId;
        int mark = calls.mark();

        calls.flow.signalling().bye(agentLeg);

        assertThat(calls.effectsSince(mark)).as("the contact ends as the agent hangs up, before the question")
                .containsExactly("recording closed " + call.contactId, "ended " + agentLeg,
                        "contact.ended " + call.contactId + " AGENT_ENDED hold=0", "journal closed " + call.contactId,
                        "play survey.ul to " + call.callerMedia);
        assertThat(call.state).isEqualTo(Call.State.SURVEY);
        assertThat(call.agentMedia).isNull();
        assertThat(calls.flow.signalling().knows(agentLeg)).as("the agent's leg is gone").isFalse();
        assertThat(calls.flow.signalling().knows("caller-1")).isTrue();

        calls.media.press(call.callerMedia, '4');
        assertThat(calls.effectsSince(mark)).contains("contact.survey.answered " + call.contactId + " score=4",
                "play survey-thanks.ul to " + call.callerMedia).doesNotContain("BYE caller-1");

        calls.media.finish(call.callerMedia);
        assertThat(calls.effectsSince(mark)).containsSubsequence("contact.survey.answered " + call.contactId + " score=4", "BYE caller-1",
                "released " + call.contactId);
        assertThat(calls.effects).as("the contact ended once").filteredOn(e -> e.startsWith("contact.ended")).hasSize(1);
        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(calls.calls.byContact(call.contactId)).isEmpty();
    }

    @Test
    void aKeyPressedWhileTheQuestionPlaysCountsAndAnyLaterKeyIsIgnored() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);

        // The reader as it was: a key still in flight once the score is in must not count again.
        java.util.function.Consumer<Character> reader = calls.media.keys.get(call.callerMedia);
        reader.accept('5');
        reader.accept('1');

        assertThat(calls.effects).filteredOn(e -> e.startsWith("contact.survey.answered"))
                .containsExactly("contact.survey.answered " + call.contactId + " score=5");
    }

    @Test
    void noKeyWithinTheTimeoutAfterTheQuestionHangsUpAndPublishesNothing() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        calls.clock.advance(Duration.ofMinutes(1));
        assertThat(calls.effects).as("the timer starts once the question has played").doesNotContain("BYE caller-1");

        calls.media.finish(call.callerMedia);
        calls.clock.advance(TIMEOUT.minusSeconds(1));
        assertThat(calls.effects).doesNotContain("BYE caller-1");
        calls.clock.advance(Duration.ofSeconds(1));

        assertThat(calls.effects).contains("BYE caller-1", "released " + call.contactId)
                .noneMatch(e -> e.startsWith("contact.survey.answered"));
        assertThat(call.state).isEqualTo(Call.State.ENDED);
    }

    @Test
    void aKeyOutside1To5AsksAgainAndTheSecondOneHangsUpWithNothingPublished() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        calls.media.finish(call.callerMedia);

        calls.media.press(call.callerMedia, '9');
        assertThat(calls.media.playing(call.callerMedia)).contains(Ivr.INVALID_PROMPT);
        calls.clock.advance(TIMEOUT);
        assertThat(calls.effects).as("the first question's silence timer is void").doesNotContain("BYE caller-1");
        calls.media.finish(call.callerMedia);
        assertThat(calls.media.playing(call.callerMedia)).contains("survey.ul");

        calls.media.press(call.callerMedia, '#');

        assertThat(calls.effects).contains("BYE caller-1").noneMatch(e -> e.startsWith("contact.survey.answered"));
        assertThat(call.state).isEqualTo(Call.State.ENDED);
    }

    @Test
    void aWrongKeyThenAScoreIsTheAnswer() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        calls.media.press(call.callerMedia, '0');
        calls.media.finish(call.callerMedia);
        calls.media.press(call.callerMedia, '2');
        assertThat(calls.effects).contains("contact.survey.answered " + call.contactId + " score=2");
    }

    @Test
    void aCallerWhoHangsUpDuringTheSurveyLeavesNoScoreAndNoSecondEnd() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        int mark = calls.mark();

        calls.flow.signalling().bye("caller-1");
        calls.clock.advance(Duration.ofMinutes(1));

        assertThat(calls.effectsSince(mark)).containsExactly("stop audio to " + call.callerMedia, "released " + call.contactId);
        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(((CallFlowHarness.FakeLeg) call.callerMedia).closed).isTrue();
        assertThat(calls.calls.all()).isEmpty();
    }

    @Test
    void theCallerHangingUpFirstHearsNoSurvey() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye("caller-1");
        assertThat(calls.effects).contains("BYE " + call.agentCallId, "contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0")
                .doesNotContain("play survey.ul to " + call.callerMedia);
    }

    @Test
    void aCallerOnHoldIsHungUpWithTheAgentAsBefore() {
        Call call = calls.connectedToAlice();
        calls.flow.agents().hold(call.contactId, "alice", true);
        calls.flow.signalling().bye(call.agentCallId);
        assertThat(calls.effects).contains("BYE caller-1").doesNotContain("play survey.ul to " + call.callerMedia);
    }

    @Test
    void theTenantsOwnSurveyRecordingIsAskedInsteadOfTheBuiltInOne() {
        calls.prompts.record(CallFlowHarness.TENANT, "survey");
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        assertThat(calls.media.playing(call.callerMedia)).contains(CallFlowHarness.TENANT + "/survey");
    }

    @Test
    void stoppingTheGatewayDuringTheSurveyHangsTheCallerUpWithoutAnotherEnd() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        calls.flow.hangUpAll();
        assertThat(calls.effects).contains("BYE caller-1").filteredOn(e -> e.startsWith("contact.ended")).hasSize(1);
        assertThat(call.state).isEqualTo(Call.State.ENDED);
    }

    @Test
    void switchedOffTheAgentHangingUpHangsTheCallerUpAtOnceAsToday() {
        CallFlowHarness off = new CallFlowHarness();
        Call call = off.connectedToAlice();
        off.flow.signalling().bye(call.agentCallId);
        assertThat(off.effects).contains("BYE caller-1", "contact.ended " + call.contactId + " AGENT_ENDED hold=0")
                .noneMatch(e -> e.contains("survey"));
        assertThat(call.state).isEqualTo(Call.State.ENDED);
    }

    /** Issue 21: a caller whose number opted out for the tenant (SMS STOP, do-not-call) is not asked; a START asks them again. */
    @Test
    void aCallerWhoseNumberOptedOutIsNotAskedAndIsAskedAgainOnceTheyOptBackIn() {
        // The caller's national 07400 123456 is the opt-out's +447400123456 in the tenant's region (GB).
        calls.optOuts.apply(new OptOutChanged(UUID.randomUUID(), CallFlowHarness.TENANT, Instant.now(), Address.phone("+447400123456", null),
                true, "sms-stop"));
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        assertThat(calls.effects).contains("BYE caller-1", "contact.ended " + call.contactId + " AGENT_ENDED hold=0")
                .noneMatch(e -> e.contains("survey"));

        CallFlowHarness other = new CallFlowHarness(new CallSettings.Survey(true, TIMEOUT));
        other.optOuts.apply(new OptOutChanged(UUID.randomUUID(), "globex", Instant.now(), Address.phone("+447400123456", null), true,
                "do-not-call"));
        other.optOuts.apply(new OptOutChanged(UUID.randomUUID(), CallFlowHarness.TENANT, Instant.now(), Address.phone("+447400123456", null),
                true, "sms-stop"));
        other.optOuts.apply(new OptOutChanged(UUID.randomUUID(), CallFlowHarness.TENANT, Instant.now(), Address.phone("+447400123456", null),
                false, "sms-start"));
        Call again = other.connectedToAlice();
        other.flow.signalling().bye(again.agentCallId);
        assertThat(again.state).as("another tenant's opt-out does not count; START gave consent again").isEqualTo(Call.State.SURVEY);
    }
}
