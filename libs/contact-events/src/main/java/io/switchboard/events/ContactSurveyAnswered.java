package io.switchboard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer answered the satisfaction survey (CSAT) after a contact ended, in the contact's own
 * channel: a score from 1 (very dissatisfied) to 5 (very satisfied) and an optional comment. One per
 * contact: the channel takes the first answer and refuses another, so consumers may keep the first.
 */
public record ContactSurveyAnswered(UUID eventId, String tenantId, Instant occurredAt, String contactId, Channel channel, int score,
        String comment) implements ContactEvent {

    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;
    public static final int MAX_COMMENT_CHARS = 1_000;

    public ContactSurveyAnswered {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(channel, "channel");
        Require.between(score, MIN_SCORE, MAX_SCORE, "score");
        comment = comment == null || comment.isBlank() ? null : comment.strip();
        if (comment != null && comment.length() > MAX_COMMENT_CHARS) {
            throw new IllegalArgumentException("comment has at most " + MAX_COMMENT_CHARS + " characters");
        }
    }
}
