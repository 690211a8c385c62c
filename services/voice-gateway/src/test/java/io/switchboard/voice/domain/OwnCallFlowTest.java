package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.MAIN;
import static io.switchboard.voice.domain.CallFlowHarness.PEER;
import static io.switchboard.voice.domain.CallFlowHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.switchboard.events.ContactEnded;
import io.switchboard.events.address.Address;

/** Agents' own calls (click-to-call), without SIP: the phone first, then the customer, and each way it can end. */
class OwnCallFlowTest {

    private static final String CUSTOMER = "+447400123456";

    private final CallFlowHarness calls = new CallFlowHarness();

    private Call dial() {
        calls.flow.agents().dial(new OwnCalls.Request("own-contact", TENANT, "alice", MAIN, Address.phone(CUSTOMER, null)));
        return calls.calls.byContact("own-contact").orElse(null);
    }

    @Test
    void theAgentsPhoneRingsThenTheCustomerAndTheCallConnects() {
        calls.registerPhone("alice");
        Call call = dial();
        assertThat(call.state).isEqualTo(Call.State.RINGING);
        assertThat(calls.effects).containsSubsequence("contact.created OUTBOUND own-contact by alice to " + CUSTOMER,
                "INVITE sip:alice@192.0.2.20:5060 for a call to " + CUSTOMER + " as " + call.agentCallId);
        assertThat(call.queueId).as("the DID's queue, for recording").isEqualTo("billing");

        calls.flow.signalling().answered(call.agentCallId, Optional.of(PEER));
        assertThat(call.state).isEqualTo(Call.State.DIALING);
        assertThat(calls.effects).containsSubsequence("bridge " + call.callerMedia + " with " + call.agentMedia,
                "INVITE customer " + CUSTOMER + " from " + MAIN);
        assertThat(calls.flow.signalling().dialling(call.callerCallId)).isTrue();

        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER));
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(call.callerAnswered).isTrue();

        calls.flow.signalling().bye(call.callerCallId);
        assertThat(calls.effects).contains("BYE " + call.agentCallId, "contact.ended own-contact CUSTOMER_LEFT hold=0");
    }

    @Test
    void aRepeatedRequestIsPlacedOnce() {
        calls.registerPhone("alice");
        dial();
        int mark = calls.mark();
        dial();
        assertThat(calls.effectsSince(mark)).isEmpty();
    }

    @Test
    void aBusyCustomerEndsTheCallAsBusyAndReleasesTheAgentsPhone() {
        calls.registerPhone("alice");
        Call call = dial();
        calls.flow.signalling().answered(call.agentCallId, Optional.of(PEER));
        calls.flow.signalling().refused(call.callerCallId, 486, "Busy Here");
        assertThat(call.endReason).isEqualTo(ContactEnded.Reason.BUSY);
        assertThat(calls.effects).contains("BYE " + call.agentCallId);
    }

    @Test
    void theCarriersRefusalsMapToOutcomes() {
        assertThat(OwnCallProgress.customerOutcome(603)).isEqualTo(ContactEnded.Reason.BUSY);
        assertThat(OwnCallProgress.customerOutcome(480)).isEqualTo(ContactEnded.Reason.NO_ANSWER);
        assertThat(OwnCallProgress.customerOutcome(404)).isEqualTo(ContactEnded.Reason.ERROR);
    }

    @Test
    void aCustomerWhoDoesNotPickUpIsCancelledAfterTheRingTimeout() {
        calls.registerPhone("alice");
        Call call = dial();
        calls.flow.signalling().answered(call.agentCallId, Optional.of(PEER));
        calls.clock.advance(Duration.ofSeconds(45));
        assertThat(call.endReason).isEqualTo(ContactEnded.Reason.NO_ANSWER);
        assertThat(calls.effects).contains("CANCEL " + call.callerCallId, "BYE " + call.agentCallId);
    }

    @Test
    void aPhoneThatDoesNotPickUpEndsTheCallAsError() {
        calls.registerPhone("alice");
        Call call = dial();
        calls.clock.advance(Duration.ofSeconds(45));
        assertThat(call.endReason).isEqualTo(ContactEnded.Reason.ERROR);
        assertThat(calls.effects).contains("CANCEL " + call.agentCallId);
    }

    @Test
    void theAgentHangingUpWhileTheCustomerRingsCancelsTheCustomer() {
        calls.registerPhone("alice");
        Call call = dial();
        calls.flow.signalling().answered(call.agentCallId, Optional.of(PEER));
        calls.flow.signalling().bye(call.agentCallId);
        assertThat(call.endReason).isEqualTo(ContactEnded.Reason.AGENT_ENDED);
        assertThat(calls.effects).contains("CANCEL " + call.callerCallId);
    }

    @Test
    void withoutARegisteredPhoneTheCallEndsAtOnceAsError() {
        Call placed = dial();
        assertThat(placed).isNull();
        assertThat(calls.effects).contains("contact.created OUTBOUND own-contact by alice to " + CUSTOMER,
                "contact.ended own-contact ERROR hold=0", "journal closed own-contact");
    }

    @Test
    void withoutAnOutboundTrunkTheCallEndsAtOnceAsError() {
        CallFlowHarness noTrunk = new CallFlowHarness(false);
        noTrunk.registerPhone("alice");
        noTrunk.flow.agents().dial(new OwnCalls.Request("own-contact", TENANT, "alice", MAIN, Address.phone(CUSTOMER, null)));
        assertThat(noTrunk.effects).contains("contact.ended own-contact ERROR hold=0");
    }

    @Test
    void aNumberThatIsNotTheTenantsIsDropped() {
        calls.registerPhone("alice");
        calls.flow.agents().dial(new OwnCalls.Request("own-contact", "globex", "alice", MAIN, Address.phone(CUSTOMER, null)));
        assertThat(calls.effects).isEmpty();
    }
}
