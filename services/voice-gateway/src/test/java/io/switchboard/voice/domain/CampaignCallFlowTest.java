package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.MAIN;
import static io.switchboard.voice.domain.CallFlowHarness.PEER;
import static io.switchboard.voice.domain.CallFlowHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.OptOutChanged;
import io.switchboard.events.address.Address;

/**
 * Campaigns' calls (issue 22) without SIP: a predictive call rings the customer first; a machine is hung
 * up; a person waits for routing's offer within the grace time (CONNECTED) or hears the abandoned-call
 * message (ABANDONED); busy, no answer and refusals; the survey campaign's questions; preview calls ring
 * the agent first; opted-out numbers and every other check refuse before anything is dialled. Each
 * attempt's result is reported exactly once.
 */
class CampaignCallFlowTest {

    private static final String CUSTOMER = "+447400123456";
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration RING = Duration.ofSeconds(20);

    private final CallFlowHarness calls = new CallFlowHarness();

    private CampaignAttempt attempt(String contactId, String agentId, List<String> prompts) {
        return new CampaignAttempt(UUID.randomUUID(), contactId, TENANT, "spring-offer", "record-7", 1, "collections", MAIN, CUSTOMER,
                agentId, prompts, RING, GRACE, Map.of("name", "Ada Lovelace", "balance", "120.50"), calls.clock.now());
    }

    private Call request(CampaignAttempt attempt) {
        calls.flow.campaigns().request(attempt);
        return calls.calls.byContact(attempt.contactId()).orElse(null);
    }

    private Call predictive() {
        return request(attempt("c-1", null, List.of()));
    }

    private List<String> results() {
        return calls.effects.stream().filter(e -> e.startsWith("call.attempt.completed")).toList();
    }

    // ---------------------------------------------------------------- predictive: a person answers

    @Test
    void aPersonWhoAnswersIsAContactInTheCampaignsQueueAndAnOfferWithinTheGraceTimeMakesItConnected() {
        Call call = predictive();
        assertThat(call.state).isEqualTo(Call.State.CALLING);
        assertThat(calls.effects).containsExactly("INVITE customer " + CUSTOMER + " from " + MAIN + " as \"Acme Bank\"");

        calls.clock.advance(Duration.ofSeconds(5));
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER), Optional.of("human"));
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effects).contains("play queue.ul looped to " + call.callerMedia,
                "contact.created OUTBOUND c-1 from " + CUSTOMER + " campaign=spring-offer queueId=collections", "journal opened c-1");
        assertThat(results()).isEmpty();

        calls.clock.advance(Duration.ofSeconds(1));
        calls.registerPhone("alice");
        calls.flow.routing().offered("c-1", "alice", "offer-1", "collections");
        assertThat(results()).containsExactly("call.attempt.completed c-1 CONNECTED (offered to an agent) answered");
        assertThat(call.state).as("from here it is an inbound call's flow").isEqualTo(Call.State.RINGING);

        calls.clock.advance(GRACE);
        assertThat(call.state).as("the grace timer is void once offered").isEqualTo(Call.State.RINGING);
        calls.flow.signalling().answered(call.agentCallId, Optional.of(PEER));
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(calls.effects).contains("bridge " + call.callerMedia + " with " + call.agentMedia, "agent.offer.answered offer-1 alice ACCEPTED");

        calls.flow.signalling().bye(call.agentCallId);
        assertThat(calls.effects).contains("BYE " + call.callerCallId, "contact.ended c-1 AGENT_ENDED hold=0");
        assertThat(results()).as("reported once").hasSize(1);
    }

    @Test
    void noOfferWithinTheGraceTimePlaysTheAbandonedMessageThenHangsUpAndTheContactEndsAsTimeout() {
        Call call = predictive();
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER));
        calls.clock.advance(GRACE.minusMillis(1));
        assertThat(results()).isEmpty();

        calls.clock.advance(Duration.ofMillis(1));
        assertThat(call.state).isEqualTo(Call.State.ABANDONING);
        assertThat(results()).containsExactly("call.attempt.completed c-1 ABANDONED (no agent within 2 s) answered");
        assertThat(calls.effects).contains("play dialer-abandoned.ul to " + call.callerMedia).doesNotContain("BYE " + call.callerCallId);

        calls.registerPhone("alice");
        calls.flow.routing().offered("c-1", "alice", "late-offer", "collections");
        assertThat(calls.effects).as("an offer after the grace time rings nobody").noneMatch(e -> e.startsWith("INVITE sip:alice"));

        calls.media.finish(call.callerMedia);
        assertThat(calls.effects).containsSubsequence("BYE " + call.callerCallId, "contact.ended c-1 TIMEOUT hold=0");
        assertThat(call.state).isEqualTo(Call.State.ENDED);
        assertThat(results()).hasSize(1);
    }

    @Test
    void theTenantsOwnAbandonedMessageWins() {
        calls.prompts.record(TENANT, "dialer-abandoned");
        Call call = predictive();
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER));
        calls.clock.advance(GRACE);
        assertThat(calls.effects).contains("play " + TENANT + "/dialer-abandoned to " + call.callerMedia);
    }

    @Test
    void aCustomerWhoHangsUpBeforeAnyOfferIsAbandonedOnceAndTheContactEndsAsCustomerLeft() {
        Call call = predictive();
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER));
        calls.flow.signalling().bye(call.callerCallId);
        assertThat(results()).containsExactly("call.attempt.completed c-1 ABANDONED (the customer hung up) answered");
        assertThat(calls.effects).contains("contact.ended c-1 CUSTOMER_LEFT hold=0");
        calls.clock.advance(GRACE);
        assertThat(results()).hasSize(1);
    }

    @Test
    void theGatewayStoppingWhileTheCustomerWaitsReportsTheAttemptOnce() {
        Call call = predictive();
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER));
        calls.flow.hangUpAll();
        assertThat(results()).containsExactly("call.attempt.completed c-1 ABANDONED (the call failed) answered");
        assertThat(calls.effects).contains("BYE " + call.callerCallId, "contact.ended c-1 ERROR hold=0");
    }

    // ---------------------------------------------------------------- machines, busy, no answer

    @Test
    void aMachineAsTheCarrierReportsItIsHungUpWithoutAContact() {
        for (String verdict : List.of("machine", "machine_start", "MACHINE_END_BEEP", "fax")) {
            CallFlowHarness harness = new CallFlowHarness();
            harness.flow.campaigns().request(new CampaignAttempt(UUID.randomUUID(), "m", TENANT, "spring-offer", "record-7", 1, "collections",
                    MAIN, CUSTOMER, null, List.of(), RING, GRACE, Map.of(), harness.clock.now()));
            Call call = harness.calls.byContact("m").orElseThrow();
            harness.flow.signalling().answered(call.callerCallId, Optional.of(PEER), Optional.of(verdict));
            assertThat(harness.effects).as(verdict).contains("BYE " + call.callerCallId,
                    "call.attempt.completed m MACHINE (answered by " + verdict + ") answered")
                    .noneMatch(e -> e.startsWith("contact.created") || e.startsWith("contact.ended"));
            assertThat(call.state).isEqualTo(Call.State.ENDED);
        }
    }

    @Test
    void aHumanVerdictOrAnUnknownOneIsAPerson() {
        Call call = predictive();
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER), Optional.of("unknown"));
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
    }

    @Test
    void theCarriersRefusalsAreBusyNoAnswerOrFailed() {
        Map<Integer, String> expected = Map.of(486, "BUSY", 600, "BUSY", 603, "BUSY", 408, "NO_ANSWER", 480, "NO_ANSWER", 404, "FAILED",
                503, "FAILED");
        expected.forEach((status, result) -> {
            CallFlowHarness harness = new CallFlowHarness();
            harness.flow.campaigns().request(new CampaignAttempt(UUID.randomUUID(), "r", TENANT, "spring-offer", "record-7", 1, "collections",
                    MAIN, CUSTOMER, null, List.of(), RING, GRACE, Map.of(), harness.clock.now()));
            Call call = harness.calls.byContact("r").orElseThrow();
            harness.flow.signalling().refused(call.callerCallId, status, "Reason");
            assertThat(harness.effects).as("" + status).contains("call.attempt.completed r " + result + " (" + status + " Reason)")
                    .noneMatch(e -> e.startsWith("contact."));
            assertThat(harness.calls.byContact("r")).isEmpty();
        });
    }

    @Test
    void aPhoneStillRingingAfterTheRingTimeIsCancelledAsNoAnswer() {
        Call call = predictive();
        calls.clock.advance(RING.minusSeconds(1));
        assertThat(results()).isEmpty();
        calls.clock.advance(Duration.ofSeconds(1));
        assertThat(calls.effects).contains("CANCEL " + call.callerCallId, "call.attempt.completed c-1 NO_ANSWER (no answer within 20 s)");
        // The 487 that answers our CANCEL changes nothing.
        calls.flow.signalling().refused(call.callerCallId, 487, "Request Terminated");
        assertThat(results()).hasSize(1);
    }

    @Test
    void noAnswerAtAllFromTheTrunkIsNoAnswer() {
        Call call = predictive();
        calls.flow.signalling().timedOut(call.callerCallId);
        assertThat(results()).containsExactly("call.attempt.completed c-1 NO_ANSWER (408 Request Timeout)");
    }

    // ---------------------------------------------------------------- checks before dialling

    @Test
    void anOptedOutNumberIsRefusedAndDialledAgainOnceConsentIsGiven() {
        calls.optOuts.apply(optOut(CUSTOMER, true));
        assertThat(predictive()).isNull();
        assertThat(calls.effects).containsExactly("call.attempt.completed c-1 FAILED (opted out)");

        calls.optOuts.apply(optOut(CUSTOMER, false));
        Call call = request(attempt("c-2", null, List.of()));
        assertThat(call.state).isEqualTo(Call.State.CALLING);
    }

    @Test
    void everyCheckRefusesBeforeAnythingIsDialled() {
        assertRefused(calls, new CampaignAttempt(UUID.randomUUID(), "x1", TENANT, "spring-offer", "record-7", 1, "collections", MAIN,
                "+449065551234", null, List.of(), RING, GRACE, Map.of(), calls.clock.now()), "refused by the dial plan: premium-rate");
        assertRefused(calls, new CampaignAttempt(UUID.randomUUID(), "x2", "globex", "spring-offer", "record-7", 1, "collections", MAIN,
                CUSTOMER, null, List.of(), RING, GRACE, Map.of(), calls.clock.now()), MAIN + " is not a voice number of tenant globex");
        assertRefused(calls, new CampaignAttempt(UUID.randomUUID(), "x3", TENANT, "spring-offer", "record-7", 1, "collections", MAIN,
                CUSTOMER, null, List.of("never-recorded"), RING, GRACE, Map.of(), calls.clock.now()), "unknown prompt never-recorded");
        assertRefused(calls, new CampaignAttempt(UUID.randomUUID(), "x4", TENANT, "spring-offer", "record-7", 1, "collections", MAIN,
                CUSTOMER, "carol", List.of(), RING, GRACE, Map.of(), calls.clock.now()), "agent carol has no registered phone");
        assertRefused(calls, new CampaignAttempt(UUID.randomUUID(), "x5", TENANT, "spring-offer", "record-7", 1, "collections", MAIN,
                CUSTOMER, null, List.of(), RING, GRACE, Map.of(), calls.clock.now().minusSeconds(61)), "the request expired (61 s old)");
        assertThat(calls.effects).contains("dial refused acme-bank null +44906555**** premium-rate");

        CallFlowHarness noTrunk = new CallFlowHarness(false);
        assertRefused(noTrunk, new CampaignAttempt(UUID.randomUUID(), "x6", TENANT, "spring-offer", "record-7", 1, "collections", MAIN,
                CUSTOMER, null, List.of(), RING, GRACE, Map.of(), noTrunk.clock.now()), "no outbound trunk configured");
    }

    private static void assertRefused(CallFlowHarness harness, CampaignAttempt attempt, String detail) {
        harness.flow.campaigns().request(attempt);
        assertThat(harness.effects).as(detail).contains("call.attempt.completed " + attempt.contactId() + " FAILED (" + detail + ")")
                .noneMatch(e -> e.startsWith("INVITE") || e.startsWith("contact."));
        assertThat(harness.calls.byContact(attempt.contactId())).isEmpty();
    }

    @Test
    void theTenantsCapCountsCampaignCallsWithoutAnAgent() {
        CallFlowHarness capped = new CallFlowHarness(true, Map.of(), new CallSettings.DialRates(10, 2, 100));
        for (String contact : List.of("a", "b", "c")) {
            capped.flow.campaigns().request(new CampaignAttempt(UUID.randomUUID(), contact, TENANT, "spring-offer", "record-7", 1,
                    "collections", MAIN, CUSTOMER, null, List.of(), RING, GRACE, Map.of(), capped.clock.now()));
        }
        assertThat(capped.effects).filteredOn(e -> e.startsWith("INVITE customer")).hasSize(2);
        assertThat(capped.effects).contains("call.attempt.completed c FAILED (refused by the dial plan: tenant-rate)");
    }

    @Test
    void aRedeliveredRequestIsDialledOnceEvenAfterTheCallEnded() {
        CampaignAttempt attempt = attempt("c-1", null, List.of());
        Call call = request(attempt);
        calls.flow.signalling().refused(call.callerCallId, 486, "Busy Here");
        int mark = calls.mark();
        calls.flow.campaigns().request(attempt);
        calls.flow.campaigns().request(new CampaignAttempt(UUID.randomUUID(), "c-1", TENANT, "spring-offer", "record-7", 1, "collections",
                MAIN, CUSTOMER, null, List.of(), RING, GRACE, Map.of(), calls.clock.now()));
        assertThat(calls.effectsSince(mark)).isEmpty();
    }

    // ---------------------------------------------------------------- IVR survey campaigns

    @Test
    void aSurveyCallAsksEachQuestionTakesOneKeyEachAndReportsTheAnswers() {
        calls.prompts.record(TENANT, "q-service");
        calls.prompts.record(TENANT, "q-speed");
        calls.prompts.record(TENANT, "q-recommend");
        Call call = request(attempt("s-1", null, List.of("q-service", "q-speed", "q-recommend")));
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER), Optional.of("human"));
        assertThat(call.state).isEqualTo(Call.State.ASKING);
        assertThat(calls.effects).contains("play " + TENANT + "/q-service to " + call.callerMedia);

        calls.media.press(call.callerMedia, '3');
        assertThat(calls.effects).as("a key while the question plays answers it").contains("play " + TENANT + "/q-speed to " + call.callerMedia);

        calls.media.finish(call.callerMedia);
        calls.clock.advance(Duration.ofSeconds(8));
        assertThat(calls.effects).as("silence answers it \"\"").contains("play " + TENANT + "/q-recommend to " + call.callerMedia);

        calls.media.finish(call.callerMedia);
        calls.media.press(call.callerMedia, '5');
        assertThat(results()).containsExactly("call.attempt.completed s-1 CONNECTED (survey answered) answered answers=[3, , 5]");
        assertThat(calls.effects).contains("play survey-thanks.ul to " + call.callerMedia).doesNotContain("BYE " + call.callerCallId);

        calls.media.finish(call.callerMedia);
        assertThat(calls.effects).contains("BYE " + call.callerCallId).noneMatch(e -> e.startsWith("contact."));
        assertThat(call.state).isEqualTo(Call.State.ENDED);
    }

    @Test
    void aSurveyCustomerWhoHangsUpHalfwayIsConnectedWithTheRestUnanswered() {
        Call call = request(attempt("s-1", null, List.of("survey", "survey")));
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER));
        calls.media.press(call.callerMedia, '4');
        calls.flow.signalling().bye(call.callerCallId);
        assertThat(results()).containsExactly("call.attempt.completed s-1 CONNECTED (the customer hung up) answered answers=[4, ]");
    }

    @Test
    void aMachineAnsweringASurveyCallIsMachine() {
        Call call = request(attempt("s-1", null, List.of("survey")));
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER), Optional.of("machine_start"));
        assertThat(results()).containsExactly("call.attempt.completed s-1 MACHINE (answered by machine_start) answered");
        assertThat(calls.effects).noneMatch(e -> e.startsWith("play"));
    }

    // ---------------------------------------------------------------- preview

    @Test
    void aPreviewCallRingsTheAgentThenTheCustomerAndTheCustomerAnsweringIsConnected() {
        calls.registerPhone("alice");
        Call call = request(attempt("p-1", "alice", List.of()));
        assertThat(calls.effects).containsSubsequence("contact.created OUTBOUND p-1 by alice to " + CUSTOMER,
                "INVITE sip:alice@192.0.2.20:5060 for a call to " + CUSTOMER + " as " + call.agentCallId);
        assertThat(call.queueId).as("records as the campaign's queue").isEqualTo("collections");

        calls.flow.signalling().answered(call.agentCallId, Optional.of(PEER));
        calls.clock.advance(RING.minusSeconds(1));
        assertThat(results()).isEmpty();
        calls.flow.signalling().answered(call.callerCallId, Optional.of(PEER));
        assertThat(call.state).isEqualTo(Call.State.CONNECTED);
        assertThat(results()).containsExactly("call.attempt.completed p-1 CONNECTED (answered) answered");

        calls.flow.signalling().bye(call.callerCallId);
        assertThat(calls.effects).contains("contact.ended p-1 CUSTOMER_LEFT hold=0");
        assertThat(results()).hasSize(1);
    }

    @Test
    void aPreviewCustomerWhoIsBusyOrDoesNotAnswerIsReportedSoAndRingsForTheAttemptsRingTime() {
        calls.registerPhone("alice");
        Call busy = request(attempt("p-1", "alice", List.of()));
        calls.flow.signalling().answered(busy.agentCallId, Optional.of(PEER));
        calls.flow.signalling().refused(busy.callerCallId, 486, "Busy Here");
        assertThat(results()).containsExactly("call.attempt.completed p-1 BUSY (486 Busy Here)");

        Call silent = request(attempt("p-2", "alice", List.of()));
        calls.flow.signalling().answered(silent.agentCallId, Optional.of(PEER));
        calls.clock.advance(RING);
        assertThat(results()).contains("call.attempt.completed p-2 NO_ANSWER (no answer within 20 s)");
        assertThat(calls.effects).contains("CANCEL " + silent.callerCallId, "contact.ended p-2 NO_ANSWER hold=0");
    }

    @Test
    void aPreviewAgentWhosePhoneDoesNotAnswerFailsTheAttempt() {
        calls.registerPhone("alice");
        Call call = request(attempt("p-1", "alice", List.of()));
        calls.flow.signalling().refused(call.agentCallId, 486, "Busy Here");
        assertThat(results()).containsExactly("call.attempt.completed p-1 FAILED (the agent's phone answered 486)");
        assertThat(calls.effects).contains("contact.ended p-1 ERROR hold=0").noneMatch(e -> e.startsWith("INVITE customer"));
    }

    private static OptOutChanged optOut(String number, boolean optedOut) {
        return new OptOutChanged(UUID.randomUUID(), TENANT, Instant.now(), Address.phone(number, null), optedOut,
                optedOut ? "do-not-call" : "sms-start");
    }
}
