package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.switchboard.events.CampaignCallRequested;
import io.switchboard.events.address.Address;

/** Builds one attempt of a record and the event that asks the voice gateway to place it. */
public final class CallRequests {

    private final EventEncoder encoder;

    public CallRequests(EventEncoder encoder) {
        this.encoder = encoder;
    }

    /** Records the attempt through {@code session} (with its event, in the session's transaction) and returns it. */
    public NewAttempt request(Campaign campaign, DialRecord record, String agentId, Instant now, LocalDate today, String region,
            Requester session) {
        CampaignSettings s = campaign.settings();
        NewAttempt attempt = new NewAttempt(UUID.randomUUID().toString(), campaign.id(), record.id(), record.attempts() + 1, agentId,
                now, today);
        CampaignCallRequested event = new CampaignCallRequested(UUID.randomUUID(), campaign.tenantId(), now, attempt.contactId(),
                campaign.id().toString(), record.id().toString(), attempt.attempt(), s.queueId(), s.callerId(),
                Address.phone(record.phone(), region), agentId, s.surveyPrompts(), s.ringSeconds(), s.abandonGraceSeconds(),
                record.fields());
        session.request(attempt, encoder.encode(event));
        return attempt;
    }

    /** Where an attempt and its event are written together. */
    public interface Requester {
        void request(NewAttempt attempt, StoredEvent event);
    }
}
