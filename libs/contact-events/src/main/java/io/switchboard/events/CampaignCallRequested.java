package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.address.Address;

/**
 * The campaign service asks for one dialling attempt of a campaign record. On the voice outbound topic,
 * keyed by the attempt's contact id; a gateway instance places the call through the outbound trunk with
 * {@code entryPoint} as the caller id and answers with {@link CallAttemptCompleted} under the same
 * {@code contactId}. A person answering makes it a contact: {@code contact.created} OUTBOUND with
 * {@code metadata.campaignId}, {@code metadata.recordId} and the record's fields as {@code record.<name>}, in
 * {@code queueId}.
 *
 * @param attempt             1 for a record's first call, 2 for its first retry, and so on
 * @param queueId             the campaign's queue: routing offers an answered call to its agents
 * @param entryPoint          one of the tenant's VOICE entry points (a DID), shown as the caller id
 * @param to                  the customer's number (E.164)
 * @param agentId             preview mode: the agent who pressed Call; the gateway rings their phone first,
 *                            then the customer, as for click-to-call. Absent: the customer is called first
 * @param surveyPrompts       an IVR survey campaign: the tenant's recorded prompts asked in turn, one key
 *                            answering each, no agent involved
 * @param ringSeconds         how long the customer's phone may ring
 * @param abandonGraceSeconds how long an answered call may wait for routing to offer it to an agent before
 *                            the gateway plays the abandoned-call message and hangs up
 * @param record              the record's fields for the agent's screen (name, balance, ...)
 */
public record CampaignCallRequested(UUID eventId, String tenantId, Instant occurredAt, String contactId, String campaignId,
        String recordId, int attempt, String queueId, String entryPoint, Address to, String agentId, List<String> surveyPrompts,
        int ringSeconds, int abandonGraceSeconds, Map<String, String> record) implements ContactEvent {

    /** The {@code contact.created} metadata keys of an answered campaign call. */
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String RECORD_ID = "recordId";
    public static final String RECORD_FIELD_PREFIX = "record.";

    public CampaignCallRequested {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(contactId, "contactId");
        Require.present(campaignId, "campaignId");
        Require.present(recordId, "recordId");
        Require.between(attempt, 1, 100, "attempt");
        Require.present(queueId, "queueId");
        Require.present(entryPoint, "entryPoint");
        Require.present(to, "to");
        Require.between(ringSeconds, 5, 120, "ringSeconds");
        Require.between(abandonGraceSeconds, 1, 10, "abandonGraceSeconds");
        surveyPrompts = Require.list(surveyPrompts);
        record = Require.map(record);
        if (agentId != null && !surveyPrompts.isEmpty()) {
            throw new IllegalArgumentException("a survey call has no agent: agentId and surveyPrompts exclude each other");
        }
    }

    public boolean preview() {
        return agentId != null;
    }

    public boolean survey() {
        return !surveyPrompts.isEmpty();
    }
}
