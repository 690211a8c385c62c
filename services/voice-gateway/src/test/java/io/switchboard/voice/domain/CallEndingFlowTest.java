package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.switchboard.events.ContactEnded;

/** How calls end, without SIP: BYE from either side, a lost caller, routing giving up, the duration cap, shutdown (steps 6 and 9). */
class CallEndingFlowTest {

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void aCallerWhoHangsUpWhileQueuedEndsTheContactAsCustomerLeft() {
        Call call = calls.queuedCaller();
        int mark = calls.mark();

        calls.flow.signalling().bye("caller-1");

        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(calls.effectsSince(mark)).containsSubsequence("stop audio to " + call.callerMedia, "released " + call.contactId,
                "contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0", "journal closed " + call.contactId);
        assertThat(calls.calls.byContact(call.contactId)).isEmpty();
        assertThat(((CallFlowHarness.FakeLeg) call.callerMedia).closed).isTrue();
    }

    @Test
    void anEndTheBrokerRefusesIsPublishedAgainLaterAndOnlyThenLeavesTheJournal() {
        Call call = calls.queuedCaller();
        int mark = calls.mark();
        calls.events.refuse = true;

        calls.flow.signalling().bye("caller-1");

        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(calls.effectsSince(mark)).doesNotContain("contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0",
                "journal closed " + call.contactId);
        calls.clock.advance(Duration.ofSeconds(1));
        assertThat(calls.effectsSince(mark)).containsSubsequence("contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0",
                "journal closed " + call.contactId);
    }

    @Test
    void aCallerWhoHangsUpWhileThePhoneRingsCancelsIt() {
        Call call = calls.queuedCaller();
        calls.registerPhone("alice");
        calls.flow.routing().offered(call.contactId, "alice", "offer-1", "billing");
        calls.flow.signalling().bye("caller-1");
        assertThat(calls.effects).contains("CANCEL " + call.agentCallId, "contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0");
    }

    @Test
    void theAgentHangingUpEndsTheCallersLegAsAgentEnded() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().bye(call.agentCallId);
        assertThat(calls.effects).contains("BYE caller-1", "contact.ended " + call.contactId + " AGENT_ENDED hold=0");
    }

    @Test
    void aCallerWhoHangsUpInTheIvrNeverBecameAContact() {
        Call call = calls.callerArrives(MAIN, "caller-1");
        calls.flow.signalling().bye("caller-1");
        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(calls.effects).noneMatch(effect -> effect.startsWith("contact."));
    }

    @Test
    void aRepeatedByeChangesNothing() {
        calls.queuedCaller();
        calls.flow.signalling().bye("caller-1");
        int mark = calls.mark();
        calls.flow.signalling().bye("caller-1");
        assertThat(calls.effectsSince(mark)).isEmpty();
        assertThat(calls.flow.signalling().knows("caller-1")).isFalse();
    }

    @Test
    void aCallerLostWithoutAByeReleasesTheAgentsLeg() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().lost("caller-1");
        assertThat(calls.effects).contains("BYE " + call.agentCallId, "contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0");
    }

    @Test
    void theAgentsLegLostWithoutAByeEndsTheCallAsAgentEnded() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().lost(call.agentCallId);
        assertThat(calls.effects).contains("BYE caller-1", "contact.ended " + call.contactId + " AGENT_ENDED hold=0");
    }

    @Test
    void aFormerAgentsLegEndingLateLeavesTheNextAgentsCallUp() {
        Call call = calls.queuedCaller();
        calls.registerPhone("bob");
        calls.flow.routing().offered(call.contactId, "bob", "offer-1", "billing");
        String bobsLeg = call.agentCallId;
        calls.flow.signalling().refused(bobsLeg, 486, "Busy Here");
        calls.registerPhone("alice");
        calls.flow.routing().offered(call.contactId, "alice", "offer-2", "billing");
        calls.flow.signalling().answered(call.agentCallId, java.util.Optional.of(CallFlowHarness.PEER));

        calls.flow.signalling().lost(bobsLeg);
        calls.flow.signalling().bye(bobsLeg);

        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
    }

    @Test
    void aCancelAfterOurAnswerChangesNothing() {
        Call call = calls.queuedCaller();
        calls.flow.signalling().cancelled("caller-1");
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effects).doesNotContain("487 caller-1");
    }

    @Test
    void routingGivingUpHangsTheCallerUpAsTimeout() {
        Call call = calls.queuedCaller();
        calls.flow.routing().abandoned(call.contactId);
        assertThat(calls.effects).contains("BYE caller-1", "contact.ended " + call.contactId + " TIMEOUT hold=0");
    }

    @Test
    void aCallStillUpAfterTheMaximumDurationIsHungUp() {
        Call call = calls.connectedToAlice();
        calls.clock.advance(Duration.ofHours(4));
        assertThat(call.endReason).isEqualTo(ContactEnded.Reason.TIMEOUT);
        assertThat(calls.effects).contains("BYE caller-1", "BYE " + call.agentCallId);
    }

    @Test
    void stoppingTheGatewayHangsEveryCallUpAsError() {
        Call queued = calls.queuedCaller();
        calls.flow.hangUpAll();
        assertThat(queued.endReason).isEqualTo(ContactEnded.Reason.ERROR);
        assertThat(calls.calls.all()).isEmpty();
    }
}
