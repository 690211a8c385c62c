package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.MAIN;
import static io.switchboard.voice.domain.CallFlowHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Routing's closed prompt for a caller waiting in a closed queue (issue 16): played once to a queued
 * caller, then the queue audio and the comfort messages as before; nothing for a call past the queue
 * or still in the IVR.
 */
class ClosedPromptFlowTest {

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void aQueuedCallerHearsTheBuiltInClosedPromptOnceThenTheQueueAudioAndTheComfortMessages() {
        Call call = calls.queuedCaller();
        calls.clock.advance(Duration.ofSeconds(10));

        calls.flow.routing().closed(call.contactId, "closed");
        assertThat(calls.media.playing(call.callerMedia)).contains("closed.ul");
        calls.media.finish(call.callerMedia);
        assertThat(calls.media.playing(call.callerMedia)).contains("queue.ul");

        int mark = calls.mark();
        calls.flow.routing().closed(call.contactId, "closed");
        assertThat(calls.effectsSince(mark)).as("once per call, however often routing asks").isEmpty();

        calls.clock.advance(Duration.ofSeconds(20));
        assertThat(calls.media.playing(call.callerMedia)).as("the comfort interval goes on").contains("still-waiting.ul");
    }

    @Test
    void theTenantsRecordingOfTheNameWinsOverTheBuiltIn() {
        calls.prompts.record(TENANT, "closed");
        Call call = calls.queuedCaller();
        calls.flow.routing().closed(call.contactId, "closed");
        assertThat(calls.media.playing(call.callerMedia)).contains(TENANT + "/closed");
    }

    @Test
    void aClosedPromptNobodyRecordedLeavesTheQueueAudioPlaying() {
        Call call = calls.queuedCaller();
        int mark = calls.mark();
        calls.flow.routing().closed(call.contactId, "holiday-closure");
        assertThat(calls.effectsSince(mark)).isEmpty();
        assertThat(calls.media.playing(call.callerMedia)).contains("queue.ul");
    }

    @Test
    void aCallInTheIvrOrConnectedToAnAgentHearsNoClosedPrompt() {
        Call inMenu = calls.callerArrives(MAIN, "caller-9");
        calls.flow.routing().closed(inMenu.contactId, "closed");
        assertThat(calls.media.playing(inMenu.callerMedia)).contains("welcome.ul");

        Call connected = calls.connectedToAlice();
        int mark = calls.mark();
        calls.flow.routing().closed(connected.contactId, "closed");
        assertThat(calls.effectsSince(mark)).isEmpty();
        assertThat(connected.state).isEqualTo(Call.State.CONNECTED);
    }
}
