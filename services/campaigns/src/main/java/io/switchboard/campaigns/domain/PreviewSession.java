package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Preview reservations inside one transaction (port). */
public interface PreviewSession extends CallRequests.Requester {

    /** The campaign, its row locked against a concurrent state change. */
    Optional<Campaign> campaign(String tenantId, UUID id);

    /** The record the agent holds on this campaign, if its reservation still runs. */
    Optional<DialRecord> reservedBy(UUID campaignId, String agentId, Instant now);

    /** As the dialler picks them: callable now, oldest due first, locked. */
    List<DialRecord> callable(UUID campaignId, Instant now, LocalDate today, int maxPerDay, int limit);

    void reserve(UUID recordId, String agentId, Instant until);

    /** The record if {@code agentId} holds it at {@code now} and it is neither done nor in flight, locked. */
    Optional<DialRecord> heldRecord(UUID campaignId, UUID recordId, String agentId, Instant now);

    boolean exists(UUID campaignId, UUID recordId);

    /** Whether the number is on the tenant's do-not-call list or opted out on the consent topic. */
    boolean optedOut(String tenantId, String phone);

    /** Ends the reservation; the record is due again at {@code dueAt}, behind the records due before it. */
    void release(UUID recordId, Instant dueAt);

    /** Deferred: the record is outside its window; looked at again at {@code until}. */
    void defer(UUID recordId, Instant until);
}
