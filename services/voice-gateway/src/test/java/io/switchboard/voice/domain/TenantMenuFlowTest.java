package io.switchboard.voice.domain;

import static io.switchboard.voice.domain.CallFlowHarness.MAIN;
import static io.switchboard.voice.domain.CallFlowHarness.PLAIN;
import static io.switchboard.voice.domain.CallFlowHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.TenantConfigured.IvrChoice;
import io.switchboard.events.TenantConfigured.TimeBranch;

/**
 * The tenant's own IVR menu from its configuration (issue 16): keys lead to queues while the contact
 * keeps the DID as its entry point, time branches by the tenant's clock, timeouts, unknown keys and
 * prompts nobody recorded, and the gateway's configured menu as the fallback.
 */
class TenantMenuFlowTest {

    /** Monday 2 March 2026, 09:00 in London (GMT). */
    private static final Instant WEEKDAY_MORNING = Instant.parse("2026-03-02T09:00:00Z");
    /** Saturday 7 March 2026, 09:30 in London. */
    private static final Instant WEEKEND_MORNING = Instant.parse("2026-03-07T09:30:00Z");
    private static final TimeBranch WEEKEND = new TimeBranch(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(8, 0),
            LocalTime.of(12, 0), "weekend-greeting", "weekend-desk");

    private final CallFlowHarness calls = new CallFlowHarness();

    @Test
    void aKeyOfTheTenantsMenuQueuesTheCallerInThatQueueWithTheDidAsEntryPoint() {
        calls.prompts.record(TENANT, "main-menu");
        configure("Europe/London", menu("main-menu", null, List.of()));

        Call call = calls.callerArrives(MAIN, "caller-1");
        assertThat(calls.media.playing(call.callerMedia)).as("the tenant's recording, not the configured welcome.ul")
                .contains(TENANT + "/main-menu");
        int mark = calls.mark();
        calls.media.press(call.callerMedia, '2');

        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effectsSince(mark)).containsExactly(
                "play queue.ul looped to " + call.callerMedia,
                "contact.created " + call.contactId + " entryPoint=" + MAIN + " ivrPath=2 queueId=loans",
                "journal opened " + call.contactId);
    }

    @Test
    void aMenuNameWithoutATenantRecordingIsTheBuiltInPromptOfThatName() {
        configure("Europe/London", menu("welcome", null, List.of()));
        Call call = calls.callerArrives(MAIN, "caller-1");
        assertThat(calls.media.playing(call.callerMedia)).contains("welcome.ul");
    }

    @Test
    void removingTheMenuOrTheEntryPointTakesEffectForTheNextCall() {
        configure("Europe/London", menu("welcome", null, List.of()));
        Call first = calls.callerArrives(MAIN, "caller-1");
        calls.media.press(first.callerMedia, '1');
        assertThat(first.chosenQueue).isEqualTo("billing");

        configure("Europe/London", null);
        Call second = calls.callerArrives(MAIN, "caller-2");
        calls.media.press(second.callerMedia, '1');
        assertThat(second.entryPoint).as("the gateway's configured menu again: 1 is the entry point billing-line").isEqualTo("billing-line");
        assertThat(second.chosenQueue).isNull();

        calls.directory.accept(new TenantConfigured(UUID.randomUUID(), TENANT, Instant.EPOCH, "Acme Bank", "Europe/London", "GB", null,
                "general", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, PLAIN, "loans"))));
        assertThat(calls.admission.admit(MAIN).kind()).isEqualTo(InboundAdmission.Kind.UNKNOWN_NUMBER);
    }

    @Test
    void onAWeekendMorningTheBranchGreetsOnceAndQueuesWithoutTheMenu() {
        calls.prompts.record(TENANT, "weekend-greeting");
        configure("Europe/London", menu("welcome", null, List.of(WEEKEND)));
        calls.clock.at(WEEKEND_MORNING);

        Call call = calls.callerArrives(MAIN, "caller-1");
        assertThat(calls.media.playing(call.callerMedia)).contains(TENANT + "/weekend-greeting");
        assertThat(calls.media.keys).as("no menu: keys are not read").doesNotContainKey(call.callerMedia);
        assertThat(call.state).isEqualTo(Call.State.IVR);

        int mark = calls.mark();
        calls.media.finish(call.callerMedia);

        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(calls.effectsSince(mark)).containsExactly(
                "play queue.ul looped to " + call.callerMedia,
                "contact.created " + call.contactId + " entryPoint=" + MAIN + " ivrPath=branch:1 queueId=weekend-desk",
                "journal opened " + call.contactId);
    }

    @Test
    void onAWeekdayTheBranchDoesNotHoldAndTheMenuPlays() {
        configure("Europe/London", menu("welcome", null, List.of(WEEKEND)));
        calls.clock.at(WEEKDAY_MORNING);
        Call call = calls.callerArrives(MAIN, "caller-1");
        assertThat(calls.media.playing(call.callerMedia)).contains("welcome.ul");
        assertThat(call.state).isEqualTo(Call.State.IVR);
    }

    @Test
    void branchesAreReadInTheTenantsTimeZoneAndTheFirstThatHoldsWins() {
        TimeBranch mornings = new TimeBranch(List.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(10, 0), null, "early-desk");
        TimeBranch allMonday = new TimeBranch(List.of(DayOfWeek.MONDAY), LocalTime.of(0, 0), LocalTime.of(23, 59), null, "monday-desk");
        configure("America/New_York", menu("welcome", null, List.of(mornings, allMonday)));

        calls.clock.at(WEEKDAY_MORNING);
        Call fourInNewYork = calls.callerArrives(MAIN, "caller-1");
        assertThat(fourInNewYork.ivrPath).as("04:00 in New York: only the second branch holds").isEqualTo("branch:2");
        assertThat(fourInNewYork.chosenQueue).isEqualTo("monday-desk");

        calls.clock.at(Instant.parse("2026-03-02T14:00:00Z"));
        Call nineInNewYork = calls.callerArrives(MAIN, "caller-2");
        assertThat(nineInNewYork.state).as("a branch without a prompt queues at once").isEqualTo(Call.State.QUEUED);
        assertThat(nineInNewYork.ivrPath).isEqualTo("branch:1");
        assertThat(nineInNewYork.chosenQueue).isEqualTo("early-desk");
    }

    @Test
    void silenceGoesToTheTimeoutQueueOrElseTheEntryPointsOwn() {
        configure("Europe/London", menu("welcome", "callbacks", List.of()));
        Call call = calls.callerArrives(MAIN, "caller-1");
        calls.media.finish(call.callerMedia);
        calls.clock.advance(Duration.ofSeconds(4));
        assertThat(call.state).isEqualTo(Call.State.IVR);
        calls.clock.advance(Duration.ofSeconds(1));
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(call.ivrPath).isEqualTo("timeout");
        assertThat(call.chosenQueue).isEqualTo("callbacks");

        configure("Europe/London", menu("welcome", null, List.of()));
        Call other = calls.callerArrives(MAIN, "caller-2");
        calls.media.finish(other.callerMedia);
        calls.clock.advance(Duration.ofSeconds(5));
        assertThat(other.ivrPath).isEqualTo("timeout");
        assertThat(other.entryPoint).isEqualTo(MAIN);
        assertThat(other.chosenQueue).as("the entry point's own queue: routing needs no choice").isNull();
    }

    @Test
    void anUnknownKeyHearsNotAValidChoiceThenTheMenuAndItsFullTimeoutAgain() {
        configure("Europe/London", menu("welcome", null, List.of()));
        Call call = calls.callerArrives(MAIN, "caller-1");
        calls.media.finish(call.callerMedia);
        calls.clock.advance(Duration.ofSeconds(3));
        calls.media.press(call.callerMedia, '7');
        assertThat(calls.media.playing(call.callerMedia)).contains("invalid.ul");
        calls.media.finish(call.callerMedia);
        assertThat(calls.media.playing(call.callerMedia)).contains("welcome.ul");
        calls.media.finish(call.callerMedia);

        calls.clock.advance(Duration.ofSeconds(4));
        assertThat(call.state).as("the first round's timeout is void").isEqualTo(Call.State.IVR);
        calls.clock.advance(Duration.ofSeconds(1));
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(call.ivrPath).isEqualTo("timeout");
    }

    @Test
    void aPromptNobodyRecordedIsSkippedAndTheMenuStillReadsKeysAndTimesOut() {
        configure("Europe/London", menu("never-recorded", null, List.of(
                new TimeBranch(List.of(DayOfWeek.SATURDAY), LocalTime.of(8, 0), LocalTime.of(12, 0), "also-missing", "weekend-desk"))));
        int mark = calls.mark();
        Call call = calls.callerArrives(MAIN, "caller-1");
        assertThat(calls.effectsSince(mark)).noneMatch(effect -> effect.startsWith("play"));
        calls.media.press(call.callerMedia, '1');
        assertThat(call.chosenQueue).isEqualTo("billing");

        Call silent = calls.callerArrives(MAIN, "caller-2");
        calls.clock.advance(Duration.ofSeconds(5));
        assertThat(silent.ivrPath).isEqualTo("timeout");

        calls.clock.at(WEEKEND_MORNING);
        Call weekend = calls.callerArrives(MAIN, "caller-3");
        assertThat(weekend.state).as("a branch whose prompt is missing queues at once").isEqualTo(Call.State.QUEUED);
        assertThat(weekend.chosenQueue).isEqualTo("weekend-desk");
    }

    @Test
    void aDidOfTheTenantWithoutAMenuGoesStraightToItsQueue() {
        configure("Europe/London", menu("welcome", null, List.of()));
        Call call = calls.callerArrives(PLAIN, "caller-1");
        assertThat(call.state).isEqualTo(Call.State.QUEUED);
        assertThat(call.entryPoint).isEqualTo(PLAIN);
        assertThat(call.chosenQueue).isNull();
    }

    private static TenantConfigured.IvrMenu menu(String prompt, String timeoutQueue, List<TimeBranch> branches) {
        return new TenantConfigured.IvrMenu(prompt, List.of(new IvrChoice("1", "billing"), new IvrChoice("2", "loans")), 5, timeoutQueue,
                branches);
    }

    /** acme-bank's configuration with {@code ivr} (none: no menu) on its main number. */
    private void configure(String timeZone, TenantConfigured.IvrMenu ivr) {
        calls.directory.accept(new TenantConfigured(UUID.randomUUID(), TENANT, Instant.EPOCH, "Acme Bank", timeZone, "GB", null,
                "general", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, MAIN, "billing", ivr),
                        new TenantConfigured.EntryPoint(Channel.VOICE, PLAIN, "loans"))));
    }
}
