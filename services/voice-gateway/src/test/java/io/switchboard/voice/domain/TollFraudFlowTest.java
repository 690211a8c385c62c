package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.MAIN;
import static io.switchboard.voice.domain.CallFlowHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.events.address.Address;

/**
 * Toll fraud (issue 14), without SIP: a transfer to a number and an agent's own call leave for the
 * public network only within the tenant's dial plan and the rate caps, and each refusal is audited.
 */
class TollFraudFlowTest {

    private static final String PREMIUM = "+449065550123";

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void aReferToAPremiumRateNumberIsForbiddenBeforeAnythingIsCalled() {
        Call call = calls.connectedToAlice();
        int mark = calls.mark();
        var accepted = new boolean[1];

        var verdict = calls.flow.signalling().refer(call.agentCallId, PREMIUM, () -> accepted[0] = true);

        assertThat(verdict).isEqualTo(PhoneTransfers.Verdict.FORBIDDEN);
        assertThat(accepted[0]).as("no 202: the REFER itself gets 403").isFalse();
        assertThat(calls.effectsSince(mark)).containsExactly("dial refused " + TENANT + " alice +44906555**** premium-rate");
        assertThat(call.transferCallId).isNull();
        assertThat(call.referred).isFalse();
        assertThat(call.state).as("the call stays with the agent").isEqualTo(Call.State.CONNECTED);
    }

    @Test
    void aReferAbroadOrToAShortCodeIsForbiddenAndAudited() {
        Call call = calls.connectedToAlice();
        assertThat(calls.flow.signalling().refer(call.agentCallId, "+33612345678", () -> { })).isEqualTo(PhoneTransfers.Verdict.FORBIDDEN);
        assertThat(calls.flow.signalling().refer(call.agentCallId, "118118", () -> { })).isEqualTo(PhoneTransfers.Verdict.FORBIDDEN);
        assertThat(calls.effects).contains("dial refused " + TENANT + " alice +3361234**** country-not-allowed",
                "dial refused " + TENANT + " alice 118118 short-code").noneMatch(effect -> effect.startsWith("INVITE outside"));
    }

    @Test
    void aReferToANumberOfTheTenantsCountryIsStillCalled() {
        Call call = calls.connectedToAlice();
        assertThat(calls.flow.signalling().refer(call.agentCallId, "07400123456", () -> { })).isEqualTo(PhoneTransfers.Verdict.ACCEPTED);
        assertThat(calls.effects).anyMatch(effect -> effect.startsWith("INVITE outside 07400123456"))
                .noneMatch(effect -> effect.startsWith("dial refused"));
    }

    @Test
    void aTenantThatAllowsACountryMayTransferThere() {
        CallFlowHarness ireland = new CallFlowHarness(true, Map.of(TENANT, new DialPolicy(Optional.of(Set.of("GB", "IE")), false, false)),
                new CallSettings.DialRates(10, 60, 100));
        Call call = ireland.connectedToAlice();
        assertThat(ireland.flow.signalling().refer(call.agentCallId, "+353861234567", () -> { })).isEqualTo(PhoneTransfers.Verdict.ACCEPTED);
    }

    @Test
    void anOwnCallToAPremiumRateNumberEndsAsErrorBeforeAnyPhoneRings() {
        calls.registerPhone("alice");
        calls.flow.agents().dial(new OwnCalls.Request("own-contact", TENANT, "alice", MAIN, Address.phone(PREMIUM, null)));

        assertThat(calls.effects).containsSubsequence("contact.created OUTBOUND own-contact by alice to " + PREMIUM,
                "dial refused " + TENANT + " alice +44906555**** premium-rate", "contact.ended own-contact ERROR hold=0",
                "journal closed own-contact");
        assertThat(calls.effects).noneMatch(effect -> effect.startsWith("INVITE"));
        assertThat(calls.calls.byContact("own-contact")).isEmpty();
    }

    @Test
    void anOwnCallAbroadFromAnotherProducerIsRefusedToo() {
        calls.registerPhone("alice");
        // The inbox reads numbers in the tenant's region; a request from anywhere else is checked all the same.
        calls.flow.agents().dial(new OwnCalls.Request("own-contact", TENANT, "alice", MAIN, Address.phone("+18765550123", null)));
        assertThat(calls.effects).contains("dial refused " + TENANT + " alice +1876555**** country-not-allowed",
                "contact.ended own-contact ERROR hold=0").noneMatch(effect -> effect.startsWith("INVITE"));
    }

    @Test
    void anAgentOverTheirCapIsRefusedUntilItRefills() {
        CallFlowHarness capped = new CallFlowHarness(true, Map.of(), new CallSettings.DialRates(2, 60, 100));
        capped.registerPhone("alice");
        for (int i = 1; i <= 3; i++) {
            capped.flow.agents().dial(new OwnCalls.Request("own-" + i, TENANT, "alice", MAIN, Address.phone("+447400123456", null)));
        }
        assertThat(capped.effects).contains("dial refused " + TENANT + " alice +44740012**** agent-rate",
                "contact.ended own-3 ERROR hold=0");
        assertThat(capped.calls.byContact("own-1")).isPresent();
        assertThat(capped.calls.byContact("own-2")).isPresent();
        assertThat(capped.calls.byContact("own-3")).isEmpty();

        capped.clock.advance(Duration.ofSeconds(30));
        capped.flow.agents().dial(new OwnCalls.Request("own-4", TENANT, "alice", MAIN, Address.phone("+447400123456", null)));
        assertThat(capped.calls.byContact("own-4")).as("2 a minute: one more after 30 s").isPresent();
    }

    @Test
    void aTenantOverItsCapIsRefusedForEveryAgent() {
        CallFlowHarness capped = new CallFlowHarness(true, Map.of(), new CallSettings.DialRates(10, 1, 100));
        capped.registerPhone("alice");
        capped.registerPhone("bob");
        capped.flow.agents().dial(new OwnCalls.Request("own-1", TENANT, "alice", MAIN, Address.phone("+447400123456", null)));
        capped.flow.agents().dial(new OwnCalls.Request("own-2", TENANT, "bob", MAIN, Address.phone("+447400123456", null)));
        assertThat(capped.calls.byContact("own-1")).isPresent();
        assertThat(capped.effects).contains("dial refused " + TENANT + " bob +44740012**** tenant-rate", "contact.ended own-2 ERROR hold=0");
    }
}
