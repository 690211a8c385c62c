package io.switchboard.reporting.domain;

import java.time.Instant;

import io.switchboard.events.Channel;

/**
 * What is known of one contact from the channels' events.
 *
 * @param fromKey     the sender's identity key ({@link CustomerKeys#of})
 * @param customerKey who the contact is for first-contact resolution: customer360's customer of the
 *                    sender, else {@code fromKey}; derived, see {@link CustomerKeys}
 * @param talkSeconds voice only, as the gateway measured it (with {@code holdSeconds})
 * @param surveyScore the customer's satisfaction score (1..5) of the first survey answer, with its time {@code surveyAt}
 */
public record ContactFact(String tenantId, String contactId, Channel channel, String fromKey, Instant createdAt,
        Instant endedAt, String endReason, String disposition, Long talkSeconds, Long holdSeconds, String customerKey,
        Integer surveyScore, Instant surveyAt) {

    public static ContactFact empty(String tenantId, String contactId) {
        return new ContactFact(tenantId, contactId, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ContactFact withCustomerKey(String key) {
        return new ContactFact(tenantId, contactId, channel, fromKey, createdAt, endedAt, endReason, disposition,
                talkSeconds, holdSeconds, key, surveyScore, surveyAt);
    }
}
