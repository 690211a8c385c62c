package io.switchboard.voice.domain;

import io.switchboard.events.ContactEnded;

/**
 * What routing decided about a call this instance holds, by contact id: the queue it waits in, an
 * offer to an agent, an offer taken back, a transfer made or refused, giving up. A contact of no call
 * here (another instance's) changes nothing.
 */
public final class RoutingDecisions {

    private final CallRegistry calls;
    private final Queueing queueing;
    private final Offers offers;
    private final PhoneTransfers transfers;
    private final Hangups hangups;
    private final CampaignProgress campaigns;

    public RoutingDecisions(CallRegistry calls, Queueing queueing, Offers offers, PhoneTransfers transfers, Hangups hangups,
            CampaignProgress campaigns) {
        this.campaigns = campaigns;
        this.calls = calls;
        this.queueing = queueing;
        this.offers = offers;
        this.transfers = transfers;
        this.hangups = hangups;
    }

    public void queued(String contactId, String queueId) {
        calls.byContact(contactId).ifPresent(call -> queueing.queued(call, queueId));
    }

    public void offered(String contactId, String agentId, String offerId, String queueId) {
        calls.byContact(contactId).ifPresent(call -> {
            // A campaign's answered call offered within its grace time: the attempt is CONNECTED, whatever the phone does next.
            campaigns.offered(call);
            offers.offer(call, agentId, offerId, queueId);
        });
    }

    public void offerEnded(String contactId, String offerId) {
        calls.byContact(contactId).ifPresent(call -> offers.offerEnded(call, offerId));
    }

    public void transferred(String contactId) {
        calls.byContact(contactId).ifPresent(transfers::transferred);
    }

    public void transferRefused(String contactId) {
        calls.byContact(contactId).ifPresent(transfers::refused);
    }

    /** Routing found the caller's queue closed: the caller hears {@code prompt} once if still waiting. */
    public void closed(String contactId, String prompt) {
        calls.byContact(contactId).ifPresent(call -> queueing.closed(call, prompt));
    }

    /** Routing gave up on the call (maximum wait without overflow): the caller is hung up. */
    public void abandoned(String contactId) {
        calls.byContact(contactId).ifPresent(call -> hangups.hangUp(call, ContactEnded.Reason.TIMEOUT));
    }
}
