package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.PEER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Routing's offers, without SIP: the phone rings, answers and is bridged, refuses, rings out or is taken back (step 5). */
class OfferFlowTest {

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void anOfferRingsTheAgentsRegisteredPhoneWithTheQueueAsWhisper() {
        Call call = calls.queuedCaller();
        calls.registerPhone("alice");
        int mark = calls.mark();

        calls.flow.routing().offered(call.contactId, "alice", "offer-1", "billing");

        assertThat(call.state).isEqualTo(Call.State.RINGING);
        assertThat(calls.effectsSince(mark)).containsExactly("INVITE sip:alice@192.0.2.20:5060 from queue billing as " + call.agentCallId);
        assertThat(calls.calls.byCallId(call.agentCallId)).containsSame(call);
        assertThat(calls.media.playing(call.callerMedia)).as("the caller still hears the queue").contains("queue.ul");
    }

    @Test
    void thePhoneAnswersTheLegsAreBridgedRecordedAndRoutingHearsAccepted() {
        Call call = calls.queuedCaller();
        calls.registerPhone("alice");
        calls.flow.routing().offered(call.contactId, "alice", "offer-1", "billing");
        calls.clock.advance(Duration.ofSeconds(12));
        int mark = calls.mark();

        boolean wanted = calls.flow.signalling().answered(call.agentCallId, Optional.of(PEER));

        assertThat(wanted).isTrue();
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(((CallFlowHarness.FakeLeg) call.agentMedia).remote).isEqualTo(PEER);
        assertThat(calls.effectsSince(mark)).containsExactly(
                "stop audio to " + call.callerMedia,
                "record " + call.contactId,
                "bridge " + call.callerMedia + " with " + call.agentMedia + " recorded",
                "agent.offer.answered offer-1 alice ACCEPTED");
        assertThat(calls.estimates.expected(CallFlowHarness.TENANT, "billing")).contains(Duration.ofSeconds(12));
    }

    @Test
    void anAgentWithoutARegisteredPhoneDeclinesAtOnce() {
        Call call = calls.queuedCaller();
        int mark = calls.mark();
        calls.flow.routing().offered(call.contactId, "bob", "offer-1", "billing");
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effectsSince(mark)).containsExactly("agent.offer.answered offer-1 bob DECLINED");
    }

    @Test
    void aBusyPhoneDeclinesAndTheNextOfferRingsTheNextPhone() {
        Call call = calls.queuedCaller();
        calls.registerPhone("bob");
        calls.registerPhone("alice");
        calls.flow.routing().offered(call.contactId, "bob", "offer-1", "billing");
        CallFlowHarness.FakeLeg bobsMedia = (CallFlowHarness.FakeLeg) call.agentMedia;
        String bobsLeg = call.agentCallId;

        calls.flow.signalling().refused(bobsLeg, 486, "Busy Here");

        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(bobsMedia.closed).isTrue();
        assertThat(calls.effects).contains("agent.offer.answered offer-1 bob DECLINED");

        calls.flow.routing().offered(call.contactId, "alice", "offer-2", "billing");
        assertThat(call.state).isEqualTo(Call.State.RINGING);
        assertThat(call.agentCallId).isNotEqualTo(bobsLeg);
    }

    @Test
    void aPhoneThatNeverAnswersDeclines() {
        Call call = calls.queuedCaller();
        calls.registerPhone("alice");
        calls.flow.routing().offered(call.contactId, "alice", "offer-1", "billing");
        calls.flow.signalling().timedOut(call.agentCallId);
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effects).contains("agent.offer.answered offer-1 alice DECLINED");
    }

    @Test
    void anOfferTakenBackCancelsTheRingingPhoneAndALateAnswerIsLetGo() {
        Call call = calls.queuedCaller();
        calls.registerPhone("alice");
        calls.flow.routing().offered(call.contactId, "alice", "offer-1", "billing");
        String leg = call.agentCallId;

        calls.flow.routing().offerEnded(call.contactId, "another-offer");
        assertThat(call.state).as("another offer's end changes nothing").isEqualTo(Call.State.RINGING);

        calls.flow.routing().offerEnded(call.contactId, "offer-1");
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effects).contains("CANCEL " + leg);
        assertThat(calls.flow.signalling().answered(leg, Optional.of(PEER))).as("the 200 that crossed our CANCEL").isFalse();
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
    }

    @Test
    void anOfferForACallNotQueuedIsIgnored() {
        Call call = calls.connectedToAlice();
        int mark = calls.mark();
        calls.flow.routing().offered(call.contactId, "bob", "offer-9", "billing");
        assertThat(calls.effectsSince(mark)).isEmpty();
        calls.flow.routing().offered("someone-elses-contact", "bob", "offer-9", "billing");
        assertThat(calls.effectsSince(mark)).isEmpty();
    }

    @Test
    void noFreeMediaPortDeclinesTheOfferAndTheCallerStaysQueued() {
        Call call = calls.queuedCaller();
        calls.registerPhone("alice");
        calls.media.full = true;
        calls.flow.routing().offered(call.contactId, "alice", "offer-1", "billing");
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effects).contains("agent.offer.answered offer-1 alice DECLINED");
    }

    @Test
    void anAnswerForNoCallHereIsLetGo() {
        assertThat(calls.flow.signalling().answered("unknown", Optional.empty())).isFalse();
    }
}
