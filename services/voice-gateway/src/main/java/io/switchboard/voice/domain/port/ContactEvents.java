package io.switchboard.voice.domain.port;

import java.time.Instant;

import io.switchboard.events.ContactEnded;
import io.switchboard.events.address.Address;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CampaignOutcome;

/** What a call tells the platform. Each call blocks until the broker took it, and throws when it did not. */
public interface ContactEvents {

    /** The caller's choice made an inbound contact. */
    void created(Call call);

    /** An agent's own call (click-to-call) made an outbound contact, theirs from the start. */
    void placed(Call call, String agentId, Address customer);

    /**
     * A person answered a campaign's predictive call: an OUTBOUND contact from the customer to the DID, in
     * the campaign's queue, with the campaign's and the record's metadata.
     */
    void campaignAnswered(Call call);

    /** A campaign attempt's result (once per attempt; a repeat is the same event). */
    void attemptCompleted(CampaignOutcome outcome);

    /** The agent's phone answered an offer (accepted), or refused, rang out or is not registered (declined). */
    void answered(Call call, String agentId, String offerId, boolean accepted);

    /** The agent's phone asked to move the call to a queue or an agent. */
    void transferRequested(Call call, String toQueueId, String toAgentId);

    /** The caller pressed {@code score} (1 to 5) in the survey after the call, at {@code at}. */
    void surveyAnswered(Call call, int score, Instant at);

    /** The contact ended at {@code at}, with the call's durations. */
    void ended(Call call, ContactEnded.Reason reason, Instant at);
}
