package io.switchboard.campaigns.domain;

import java.time.Instant;

import io.switchboard.dialer.engine.CallOutcome;

/** An attempt as results find it (locked with its record), with its campaign. */
public record OpenAttempt(String contactId, Campaign campaign, DialRecord record, CallOutcome result, Instant endedAt,
        Long talkSeconds, Long holdSeconds, Instant wrappedAt) {
}
