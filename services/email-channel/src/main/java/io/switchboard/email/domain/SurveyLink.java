package io.switchboard.email.domain;

import java.time.Instant;

/** The survey of one email contact, reached by its token; {@code answeredAt} once the customer rated it. */
public record SurveyLink(String token, String contactId, String tenantId, Instant expiresAt, Instant answeredAt) {
}
