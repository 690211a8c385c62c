package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.PEER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.switchboard.events.ContactEnded;

/** A connected call, without SIP: hold and resume, routing's transfers, and the phone's REFER to a queue, an agent or a number (steps 7–8). */
class HoldAndTransferFlowTest {

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void holdReInvitesTheCallerSendonlyWithHoldAudioAndResumeBridgesAgain() {
        Call call = calls.connectedToAlice();
        int mark = calls.mark();

        calls.flow.agents().hold(call.contactId, "alice", true);
        assertThat(call.onHold()).isTrue();
        assertThat(calls.effectsSince(mark)).containsExactly(
                "play queue.ul looped to " + call.callerMedia, "re-INVITE caller-1 sendonly");

        calls.clock.advance(Duration.ofSeconds(20));
        mark = calls.mark();
        calls.flow.agents().hold(call.contactId, "alice", false);

        assertThat(call.onHold()).isFalse();
        assertThat(calls.effectsSince(mark)).containsExactly(
                "stop audio to " + call.callerMedia,
                "bridge " + call.callerMedia + " with " + call.agentMedia + " recorded",
                "re-INVITE caller-1 sendrecv");
        calls.flow.signalling().bye("caller-1");
        assertThat(calls.effects).contains("contact.ended " + call.contactId + " CUSTOMER_LEFT hold=20");
    }

    @Test
    void onlyTheAgentWhoHoldsTheCallCanHoldItAndHoldingTwiceChangesNothing() {
        Call call = calls.connectedToAlice();
        int mark = calls.mark();
        calls.flow.agents().hold(call.contactId, "bob", true);
        assertThat(calls.effectsSince(mark)).isEmpty();
        calls.flow.agents().hold(call.contactId, "alice", true);
        mark = calls.mark();
        calls.flow.agents().hold(call.contactId, "alice", true);
        assertThat(calls.effectsSince(mark)).isEmpty();
    }

    @Test
    void aPeersReInviteStartsAndEndsHoldAndMovesItsAudio() {
        Call call = calls.connectedToAlice();
        InetSocketAddress moved = new InetSocketAddress("192.0.2.99", 6000);

        var held = calls.flow.signalling().reInvited(call.agentCallId, true, moved);
        assertThat(held.orElseThrow().leg()).containsSame(call.agentMedia);
        assertThat(call.onHold()).isTrue();
        assertThat(((CallFlowHarness.FakeLeg) call.agentMedia).remote).as("a hold keeps the address").isEqualTo(PEER);

        calls.flow.signalling().reInvited(call.agentCallId, false, moved);
        assertThat(call.onHold()).isFalse();
        assertThat(((CallFlowHarness.FakeLeg) call.agentMedia).remote).isEqualTo(moved);
        assertThat(calls.flow.signalling().reInvited("unknown", false, moved)).isEmpty();
    }

    @Test
    void routingsTransferReleasesTheAgentsPhoneAndTheCallerWaitsAgain() {
        Call call = calls.connectedToAlice();
        String alicesLeg = call.agentCallId;

        calls.flow.routing().transferred(call.contactId);

        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effects).contains("BYE " + alicesLeg, "recording closed " + call.contactId);
        assertThat(calls.media.playing(call.callerMedia)).contains("queue.ul");
        assertThat(call.agentMedia).isNull();
    }

    @Test
    void aTransferWhileThePhoneRingsCancelsIt() {
        Call call = calls.queuedCaller();
        calls.registerPhone("alice");
        calls.flow.routing().offered(call.contactId, "alice", "offer-1", "billing");
        calls.flow.routing().transferred(call.contactId);
        assertThat(calls.effects).contains("CANCEL " + call.agentCallId);
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
    }

    @Test
    void theAgentsPhoneRefersToAQueueRoutingMovesTheCallAndThePhoneHearsOk() {
        Call call = calls.connectedToAlice();
        String leg = call.agentCallId;
        int mark = calls.mark();

        var verdict = calls.flow.signalling().refer(leg, "billing", () -> calls.effects.add("202"));

        assertThat(verdict).isEqualTo(PhoneTransfers.Verdict.ACCEPTED);
        assertThat(calls.effectsSince(mark)).containsExactly("202", "NOTIFY " + leg + " SIP/2.0 100 Trying",
                "agent.transfer.requested by alice to queue billing");

        calls.flow.routing().transferred(call.contactId);
        assertThat(calls.effects).containsSubsequence("NOTIFY " + leg + " SIP/2.0 200 OK (last)", "BYE " + leg);
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
    }

    @Test
    void aReferToAnAgentThatRoutingRefusesIsReportedAndTheCallStays() {
        Call call = calls.connectedToAlice();
        String leg = call.agentCallId;
        calls.flow.signalling().refer(leg, "bob", () -> { });
        assertThat(calls.effects).contains("agent.transfer.requested by alice to agent bob");

        calls.flow.routing().transferRefused(call.contactId);

        assertThat(calls.effects).contains("NOTIFY " + leg + " SIP/2.0 603 Declined (last)");
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(call.referred).isFalse();
    }

    @Test
    void aReferIsOnlyTakenOnTheAgentsLegOfAConnectedCallOneAtATime() {
        Call call = calls.connectedToAlice();
        assertThat(calls.flow.signalling().onAgentLeg("caller-1")).isFalse();
        assertThat(calls.flow.signalling().onAgentLeg(call.agentCallId)).isTrue();
        assertThat(calls.flow.signalling().refer("caller-1", "billing", () -> { })).isEqualTo(PhoneTransfers.Verdict.NO_SUCH_CALL);
        calls.flow.signalling().refer(call.agentCallId, "billing", () -> { });
        assertThat(calls.flow.signalling().refer(call.agentCallId, "billing", () -> { })).isEqualTo(PhoneTransfers.Verdict.FORBIDDEN);
    }

    @Test
    void aReferToANumberWithoutAnOutboundTrunkIsForbidden() {
        CallFlowHarness noTrunk = new CallFlowHarness(false);
        Call call = noTrunk.connectedToAlice();
        assertThat(noTrunk.flow.signalling().refer(call.agentCallId, "+442079460123", () -> { }))
                .isEqualTo(PhoneTransfers.Verdict.FORBIDDEN);
    }

    @Test
    void anOutsideNumberThatAnswersTakesTheAgentsPlaceAndTheContactLeavesTheCenter() {
        Call call = calls.connectedToAlice();
        String alicesLeg = call.agentCallId;
        calls.flow.signalling().refer(alicesLeg, "+442079460123", () -> { });
        String outsideLeg = call.transferCallId;
        assertThat(calls.effects).contains("INVITE outside +442079460123 from +442079460000 as " + outsideLeg);
        int mark = calls.mark();

        assertThat(calls.flow.signalling().answered(outsideLeg, Optional.of(PEER))).isTrue();

        assertThat(call.agentCallId).isEqualTo(outsideLeg);
        assertThat(((CallFlowHarness.FakeLeg) call.agentMedia).name).isEqualTo("outside");
        assertThat(calls.effectsSince(mark)).containsSubsequence("NOTIFY " + alicesLeg + " SIP/2.0 200 OK (last)", "BYE " + alicesLeg,
                "bridge " + call.callerMedia + " with " + call.agentMedia, "contact.ended " + call.contactId + " TRANSFERRED_OUT hold=0",
                "journal closed " + call.contactId);
        assertThat(calls.calls.byContact(call.contactId)).as("the call runs on through the gateway").isPresent();

        mark = calls.mark();
        calls.flow.signalling().bye("caller-1");
        assertThat(calls.effectsSince(mark)).contains("BYE " + outsideLeg).noneMatch(effect -> effect.startsWith("contact.ended"));
    }

    @Test
    void anOutsideNumberThatIsBusyLeavesTheCallWithTheAgent() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().refer(call.agentCallId, "+442079460123", () -> { });
        String outsideLeg = call.transferCallId;

        calls.flow.signalling().refused(outsideLeg, 486, "Busy Here");

        assertThat(calls.effects).contains("NOTIFY " + call.agentCallId + " SIP/2.0 486 Busy Here (last)");
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(call.transferCallId).isNull();
        assertThat(calls.calls.byCallId(outsideLeg)).isEmpty();
    }

    @Test
    void anOutsideNumberStillRingingAfterTheRingTimeoutIsCancelled() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().refer(call.agentCallId, "+442079460123", () -> { });
        String outsideLeg = call.transferCallId;
        calls.clock.advance(Duration.ofSeconds(45));
        assertThat(calls.effects).contains("CANCEL " + outsideLeg);
        calls.flow.signalling().refused(outsideLeg, 487, "Request Terminated");
        assertThat(calls.effects).contains("NOTIFY " + call.agentCallId + " SIP/2.0 487 Request Terminated (last)");
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
    }

    @Test
    void theCallerHangingUpDuringAnOutsideTransferCancelsIt() {
        Call call = calls.connectedToAlice();
        calls.flow.signalling().refer(call.agentCallId, "+442079460123", () -> { });
        String outsideLeg = call.transferCallId;
        calls.flow.signalling().bye("caller-1");
        assertThat(calls.effects).contains("CANCEL " + outsideLeg, "contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0");
        assertThat(call.endReason).isEqualTo(ContactEnded.Reason.CUSTOMER_LEFT);
    }
}
