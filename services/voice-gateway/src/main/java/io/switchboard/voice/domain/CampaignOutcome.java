package io.switchboard.voice.domain;

import java.time.Instant;
import java.util.List;

import io.switchboard.events.CallAttemptCompleted;

/**
 * How a campaign's attempt ended, as it is reported once ({@code call.attempt.completed}).
 *
 * @param answeredAt when a person or a machine picked up (null when nobody did)
 * @param detail     the carrier's status or the gateway's reason, for people
 * @param answers    an IVR survey call: the key pressed for each question ("" where none was)
 */
public record CampaignOutcome(CampaignAttempt attempt, CallAttemptCompleted.Result result, Instant answeredAt, String detail,
        List<String> answers, Instant at) {

    public CampaignOutcome {
        answers = List.copyOf(answers);
    }
}
