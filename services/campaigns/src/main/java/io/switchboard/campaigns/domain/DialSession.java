package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One tick's view of a campaign whose lease this instance holds, inside one transaction (port). */
public interface DialSession extends CallRequests.Requester {

    PacingInputs inputs(Instant now, Instant dayStart, Instant figuresSince);

    /**
     * Up to {@code limit} records callable now, oldest due first, locked for this transaction: due, not done, not in
     * flight, not reserved by a preview agent, under the day's maximum, and on no do-not-call or opt-out list.
     */
    List<DialRecord> callable(Instant now, LocalDate today, int maxPerDay, int limit);

    /** Records outside their calling window now: looked at again at {@code until}. */
    void defer(List<UUID> recordIds, Instant until);

    /** Records the attempt and marks its record in flight, with the event that requests it (the outbox). */
    void request(NewAttempt attempt, StoredEvent event);

    /** Attempts requested before {@code before} that never got a result: FAILED, their records done. Returns how many. */
    int failLost(Instant before, Instant now);

    /** Whether any record is not done yet (or still in flight). */
    boolean anyLeft();

    void complete(Instant now);
}
