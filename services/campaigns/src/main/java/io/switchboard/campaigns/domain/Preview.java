package io.switchboard.campaigns.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.dialer.engine.DialMode;

/**
 * Preview mode: an agent of the campaign's queue takes the next callable record, reads it and the script, and
 * presses Call (the gateway rings their phone, then the customer) or Skip. A record is the agent's for
 * {@link #HOLD}; an agent holds at most one record per campaign.
 */
public final class Preview {

    public static final Duration HOLD = Duration.ofMinutes(2);

    /** A reserved record with what the agent's screen shows. */
    public record Reservation(UUID campaignId, DialRecord record, String script, Instant reservedUntil) {
    }

    private final PreviewStore store;
    private final Directory directory;
    private final CallRequests requests;
    private final OutboxSignal outbox;
    private final DiallerSettings settings;
    private final Clock clock;

    public Preview(PreviewStore store, Directory directory, CallRequests requests, OutboxSignal outbox, DiallerSettings settings,
            Clock clock) {
        this.store = store;
        this.directory = directory;
        this.requests = requests;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** The agent's record, reserved (or renewed) for {@link #HOLD}; empty when none is callable now. */
    public Optional<Reservation> next(String tenantId, UUID campaignId, String agentId) {
        Instant now = clock.instant();
        return store.inTransaction(session -> {
            Campaign campaign = previewCampaign(session, tenantId, campaignId, agentId);
            Directory.Tenant tenant = tenant(tenantId);
            Instant until = now.plus(HOLD);
            Optional<DialRecord> held = session.reservedBy(campaignId, agentId, now);
            if (held.isPresent()) {
                session.reserve(held.get().id(), agentId, until);
                return Optional.of(new Reservation(campaignId, held.get(), campaign.settings().script(), until));
            }
            LocalDate today = LocalDate.ofInstant(now, tenant.zone());
            for (DialRecord record : session.callable(campaignId, now, today, campaign.settings().retries().maxAttemptsPerDay(),
                    settings.maxFetch())) {
                if (!campaign.settings().window().allows(record.phone(), now, tenant.zone())) {
                    session.defer(record.id(), now.plus(settings.windowRecheck()));
                    continue;
                }
                session.reserve(record.id(), agentId, until);
                return Optional.of(new Reservation(campaignId, record, campaign.settings().script(), until));
            }
            return Optional.<Reservation>empty();
        });
    }

    /** Requests the call of a record the agent holds; checked again against the lists and the window right before. */
    public NewAttempt call(String tenantId, UUID campaignId, UUID recordId, String agentId) {
        Instant now = clock.instant();
        // A refusal that releases the record is committed first, then answered.
        CallOutcome outcome = store.inTransaction(session -> {
            Campaign campaign = previewCampaign(session, tenantId, campaignId, agentId);
            Directory.Tenant tenant = tenant(tenantId);
            DialRecord record = held(session, campaignId, recordId, agentId, now);
            if (session.optedOut(tenantId, record.phone())) {
                session.release(recordId, now);
                return CallOutcome.refused(record.phone() + " is on a do-not-call or opt-out list now; it is not called");
            }
            if (!campaign.settings().window().allows(record.phone(), now, tenant.zone())) {
                session.release(recordId, now.plus(settings.windowRecheck()));
                return CallOutcome.refused(record.phone() + " is outside the campaign's calling window in the callee's time");
            }
            LocalDate today = LocalDate.ofInstant(now, tenant.zone());
            if (record.attemptsOn(today) >= campaign.settings().retries().maxAttemptsPerDay()) {
                session.release(recordId, now.plus(settings.windowRecheck()));
                return CallOutcome.refused(record.phone() + " was called the most times allowed today");
            }
            return new CallOutcome(requests.request(campaign, record, agentId, now, today, tenant.region(), session), null);
        });
        if (outcome.refusal() != null) {
            throw CampaignException.conflict(outcome.refusal());
        }
        outbox.committed();
        return outcome.attempt();
    }

    private record CallOutcome(NewAttempt attempt, String refusal) {
        static CallOutcome refused(String why) {
            return new CallOutcome(null, why);
        }
    }

    public void skip(String tenantId, UUID campaignId, UUID recordId, String agentId) {
        Instant now = clock.instant();
        store.inTransaction(session -> {
            previewCampaign(session, tenantId, campaignId, agentId);
            held(session, campaignId, recordId, agentId, now);
            // Behind every record already due (they share "now" at most to the millisecond).
            session.release(recordId, now.plusMillis(1));
            return null;
        });
    }

    private Campaign previewCampaign(PreviewSession session, String tenantId, UUID campaignId, String agentId) {
        Campaign campaign = session.campaign(tenantId, campaignId)
                .orElseThrow(() -> CampaignException.notFound("tenant " + tenantId + " has no campaign " + campaignId));
        Directory.Queue queue = directory.queue(tenantId, campaign.settings().queueId())
                .orElseThrow(() -> CampaignException.conflict("queue " + campaign.settings().queueId() + " is not configured"));
        boolean inQueue = directory.agent(agentId).map(a -> a.serves(queue)).orElse(false);
        if (!inQueue) {
            throw CampaignException.forbidden("agent " + agentId + " is not in queue " + queue.queueId() + " of campaign " + campaignId);
        }
        if (campaign.state() != CampaignState.RUNNING || campaign.settings().mode() != DialMode.PREVIEW) {
            throw CampaignException.conflict("campaign " + campaignId + " is a " + campaign.state() + " " + campaign.settings().mode()
                    + " campaign; preview needs a RUNNING PREVIEW one");
        }
        return campaign;
    }

    private static DialRecord held(PreviewSession session, UUID campaignId, UUID recordId, String agentId, Instant now) {
        return session.heldRecord(campaignId, recordId, agentId, now).orElseThrow(() -> session.exists(campaignId, recordId)
                ? CampaignException.conflict("record " + recordId + " is not reserved for " + agentId + " (or its reservation ran out)")
                : CampaignException.notFound("campaign " + campaignId + " has no record " + recordId));
    }

    private Directory.Tenant tenant(String tenantId) {
        return directory.tenant(tenantId).orElseThrow(() -> CampaignException.conflict("tenant " + tenantId + " is not configured"));
    }
}
