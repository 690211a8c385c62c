package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.PEER;
import static io.switchboard.voice.domain.CallFlowHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.PhoneCredentialsConfigured;

/**
 * A supervisor joining a connected call, without SIP (issue 21): their phone is rung once and joins as
 * a third leg mixed as the mode says; switching mode only changes the mix; leaving, their hanging up or
 * the call ending releases their leg; refusals change nothing.
 */
class MonitoringFlowTest {

    private static final String HA1 = "0123456789abcdef0123456789abcdef";

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void listenThenWhisperThenBargeThenLeaveRingsTheSupervisorOnceAndOnlyChangesTheMix() {
        Call call = calls.connectedToAlice();
        supervisorPhone("sam", TENANT);
        int mark = calls.mark();

        calls.flow.agents().monitor(call.contactId, TENANT, "sam", MonitorMode.LISTEN);
        String samsLeg = call.monitor.callId;
        var samsMedia = call.monitor.media;
        assertThat(calls.effectsSince(mark)).containsExactly(
                "INVITE sip:sam@192.0.2.20:5060 to monitor " + call.contactId + " on " + samsMedia + " as " + samsLeg);

        mark = calls.mark();
        assertThat(calls.flow.signalling().answered(samsLeg, Optional.of(PEER))).isTrue();
        assertThat(((CallFlowHarness.FakeLeg) samsMedia).remote).isEqualTo(PEER);
        assertThat(calls.effectsSince(mark)).containsExactly(
                "mix " + call.callerMedia + ", " + call.agentMedia + " and " + samsMedia + " LISTEN recorded");

        mark = calls.mark();
        calls.flow.agents().monitor(call.contactId, TENANT, "sam", MonitorMode.WHISPER);
        calls.flow.agents().monitor(call.contactId, TENANT, "sam", MonitorMode.BARGE);
        assertThat(calls.effectsSince(mark)).as("no new call to the supervisor's phone").containsExactly(
                "mix " + call.callerMedia + ", " + call.agentMedia + " and " + samsMedia + " WHISPER recorded",
                "mix " + call.callerMedia + ", " + call.agentMedia + " and " + samsMedia + " BARGE recorded");

        mark = calls.mark();
        calls.flow.agents().leave(call.contactId, "sam");
        assertThat(calls.effectsSince(mark)).containsExactly(
                "BYE " + samsLeg,
                "bridge " + call.callerMedia + " with " + call.agentMedia + " recorded");
        assertThat(((CallFlowHarness.FakeLeg) samsMedia).closed).isTrue();
        assertThat(call.monitor).isNull();
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(calls.flow.signalling().knows(samsLeg)).as("the supervisor's Call-ID no longer finds the call").isFalse();
    }

    @Test
    void theSupervisorHangingUpTakesOnlyThemOutOfTheCall() {
        Call call = calls.connectedToAlice();
        String samsLeg = joined(call, "sam", MonitorMode.BARGE);
        int mark = calls.mark();

        calls.flow.signalling().bye(samsLeg);

        assertThat(calls.effectsSince(mark)).containsExactly(
                "ended " + samsLeg,
                "bridge " + call.callerMedia + " with " + call.agentMedia + " recorded");
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(calls.effects).noneMatch(effect -> effect.startsWith("contact.ended"));
    }

    @Test
    void theCallEndingEndsTheSupervisorsLeg() {
        Call call = calls.connectedToAlice();
        String samsLeg = joined(call, "sam", MonitorMode.LISTEN);
        var samsMedia = call.monitor.media;

        calls.flow.signalling().bye("caller-1");

        assertThat(calls.effects).contains("BYE " + samsLeg, "contact.ended " + call.contactId + " CUSTOMER_LEFT hold=0");
        assertThat(((CallFlowHarness.FakeLeg) samsMedia).closed).isTrue();
        assertThat(call.monitor).isNull();
    }

    @Test
    void aTransferOfTheCallReleasesTheSupervisorWithTheAgent() {
        Call call = calls.connectedToAlice();
        String samsLeg = joined(call, "sam", MonitorMode.WHISPER);

        calls.flow.routing().transferred(call.contactId);

        assertThat(calls.effects).contains("BYE " + samsLeg);
        assertThat(call.monitor).isNull();
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
    }

    @Test
    void aSecondSupervisorAnUnknownOrUnconnectedCallAndAnotherTenantAreRefusedWithoutEffects() {
        Call call = calls.connectedToAlice();
        joined(call, "sam", MonitorMode.LISTEN);
        supervisorPhone("sue", TENANT);
        supervisorPhone("eve", "other-bank");
        calls.registerPhone("bob");
        int mark = calls.mark();

        calls.flow.agents().monitor(call.contactId, TENANT, "sue", MonitorMode.BARGE);
        assertThat(call.monitor.supervisorId).isEqualTo("sam");
        assertThat(call.monitor.mode).isEqualTo(MonitorMode.LISTEN);
        calls.flow.agents().monitor(call.contactId, "other-bank", "sam", MonitorMode.BARGE);
        assertThat(call.monitor.mode).as("a command of another tenant").isEqualTo(MonitorMode.LISTEN);
        calls.flow.agents().monitor("no-such-contact", TENANT, "sue", MonitorMode.LISTEN);
        calls.flow.agents().leave(call.contactId, "sue");
        assertThat(calls.effectsSince(mark)).isEmpty();

        Call other = calls.callerArrives(CallFlowHarness.PLAIN, "caller-2");
        mark = calls.mark();
        calls.flow.agents().monitor(other.contactId, TENANT, "sue", MonitorMode.LISTEN);
        assertThat(other.monitor).as("a call still queued").isNull();
        assertThat(calls.effectsSince(mark)).isEmpty();
    }

    @Test
    void aSupervisorOfAnotherTenantOrWithoutAKnownTenantOrPhoneIsRefused() {
        Call call = calls.connectedToAlice();
        supervisorPhone("eve", "other-bank");
        calls.registerPhone("bob");
        calls.phones.apply(new PhoneCredentialsConfigured(UUID.randomUUID(), TENANT, Instant.EPOCH, "ned", "switchboard", HA1, true));
        supervisorPhone("alice", TENANT);
        int mark = calls.mark();

        calls.flow.agents().monitor(call.contactId, TENANT, "eve", MonitorMode.LISTEN);
        calls.flow.agents().monitor(call.contactId, TENANT, "bob", MonitorMode.LISTEN);
        calls.flow.agents().monitor(call.contactId, TENANT, "ned", MonitorMode.LISTEN);
        calls.flow.agents().monitor(call.contactId, TENANT, "alice", MonitorMode.LISTEN);

        assertThat(call.monitor).isNull();
        assertThat(calls.effectsSince(mark)).as("eve is another tenant's, bob's tenant is unknown, ned has no phone registered, alice is the agent")
                .isEmpty();
    }

    @Test
    void aRefusingOrSilentPhoneLeavesTheCallAsItWas() {
        Call call = calls.connectedToAlice();
        supervisorPhone("sam", TENANT);
        calls.flow.agents().monitor(call.contactId, TENANT, "sam", MonitorMode.LISTEN);
        String first = call.monitor.callId;
        int mark = calls.mark();
        calls.flow.signalling().refused(first, 486, "Busy Here");
        assertThat(call.monitor).isNull();
        assertThat(calls.effectsSince(mark)).containsExactly("ended " + first);

        calls.flow.agents().monitor(call.contactId, TENANT, "sam", MonitorMode.LISTEN);
        String second = call.monitor.callId;
        mark = calls.mark();
        calls.clock.advance(Duration.ofSeconds(45));
        assertThat(calls.effectsSince(mark)).containsExactly("CANCEL " + second);
        assertThat(call.monitor).isNull();
        assertThat(calls.flow.signalling().answered(second, Optional.of(PEER))).as("a late answer is let go").isFalse();
    }

    @Test
    void holdSilencesTheSupervisorAndResumeMixesAgain() {
        Call call = calls.connectedToAlice();
        joined(call, "sam", MonitorMode.WHISPER);
        calls.flow.agents().hold(call.contactId, "alice", true);
        int mark = calls.mark();

        calls.flow.agents().monitor(call.contactId, TENANT, "sam", MonitorMode.BARGE);
        assertThat(calls.effectsSince(mark)).as("on hold nothing is mixed").isEmpty();

        calls.flow.agents().hold(call.contactId, "alice", false);
        assertThat(calls.effectsSince(mark)).contains(
                "mix " + call.callerMedia + ", " + call.agentMedia + " and " + call.monitor.media + " BARGE recorded");
    }

    @Test
    void theSupervisorsReInviteMovesTheirAudioAndNeverHoldsTheCall() {
        Call call = calls.connectedToAlice();
        String samsLeg = joined(call, "sam", MonitorMode.LISTEN);
        var moved = new java.net.InetSocketAddress("192.0.2.77", 7000);

        calls.flow.signalling().reInvited(samsLeg, true, moved);
        assertThat(call.onHold()).isFalse();
        calls.flow.signalling().reInvited(samsLeg, false, moved);
        assertThat(((CallFlowHarness.FakeLeg) call.monitor.media).remote).isEqualTo(moved);
    }

    /** The supervisor's phone is the console's, of {@code tenant}, and registered. */
    private void supervisorPhone(String supervisor, String tenant) {
        calls.phones.apply(new PhoneCredentialsConfigured(UUID.randomUUID(), tenant, Instant.EPOCH, supervisor, "switchboard", HA1, true));
        calls.registerPhone(supervisor);
    }

    /** The supervisor joined the call in {@code mode}: their leg's Call-ID. */
    private String joined(Call call, String supervisor, MonitorMode mode) {
        supervisorPhone(supervisor, TENANT);
        calls.flow.agents().monitor(call.contactId, TENANT, supervisor, mode);
        String leg = call.monitor.callId;
        calls.flow.signalling().answered(leg, Optional.of(PEER));
        return leg;
    }
}
