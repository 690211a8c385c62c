package io.switchboard.voice.domain;

import java.util.List;
import java.util.Locale;

import io.switchboard.events.CallAttemptCompleted.Result;
import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Clock;

/**
 * A campaign attempt's result, reported exactly once: where the flow knows it (an answer, a refusal, an
 * offer within the grace time), or else from how the call ended, so no attempt is left without one (a
 * customer who hangs up while waiting, the gateway stopping, {@code max-call-duration}). Callers hold the call's monitor.
 */
public final class AttemptResults {

    private final Outbox outbox;
    private final Clock clock;

    public AttemptResults(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The attempt was refused before any call existed. */
    void refused(CampaignAttempt attempt, String detail) {
        outbox.attemptCompleted(new CampaignOutcome(attempt, Result.FAILED, null, detail, List.of(), clock.now()));
    }

    /** The call's result, unless one was reported already. */
    void report(Call call, Result result, String detail) {
        if (call.campaign == null || call.attemptReported) {
            return;
        }
        call.attemptReported = true;
        outbox.attemptCompleted(new CampaignOutcome(call.campaign, result, call.customerAnsweredAt, detail, call.answers, clock.now()));
    }

    /**
     * The call ended ({@code reason}) before a result was known: a survey the customer answered part of is
     * CONNECTED (the unanswered questions ""); a person who answered and reached no agent is ABANDONED;
     * otherwise the customer's busy or unanswered phone, or FAILED.
     */
    void settle(Call call, ContactEnded.Reason reason) {
        if (call.campaign == null || call.attemptReported) {
            return;
        }
        String detail = call.attemptDetail != null ? call.attemptDetail : describe(reason);
        if (call.customerAnsweredAt != null && call.campaign.survey()) {
            while (call.answers.size() < call.campaign.surveyPrompts().size()) {
                call.answers.add("");
            }
            report(call, Result.CONNECTED, detail);
        } else if (call.customerAnsweredAt != null && !call.campaign.preview()) {
            report(call, Result.ABANDONED, detail);
        } else {
            report(call, switch (reason) {
                case BUSY -> Result.BUSY;
                case NO_ANSWER -> Result.NO_ANSWER;
                default -> Result.FAILED;
            }, detail);
        }
    }

    private static String describe(ContactEnded.Reason reason) {
        return switch (reason) {
            case CUSTOMER_LEFT -> "the customer hung up";
            case AGENT_ENDED -> "the agent hung up";
            case TIMEOUT -> "the call lasted too long";
            case ERROR -> "the call failed";
            default -> reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
