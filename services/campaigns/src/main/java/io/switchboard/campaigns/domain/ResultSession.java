package io.switchboard.campaigns.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.switchboard.dialer.engine.CallOutcome;

/** Writes results inside one transaction (port). */
public interface ResultSession {

    /** The attempt with this contact id, locked with its record; empty when it is not a campaign call. */
    Optional<OpenAttempt> attempt(String contactId);

    void completeAttempt(String contactId, CallOutcome result, Instant answeredAt, Instant completedAt, String detail);

    /**
     * The record after a result: not in flight, its last result, due again at {@code nextDue} or done when that is
     * null; {@code surveyAnswers} replace the stored ones unless null.
     */
    void settleRecord(UUID recordId, CallOutcome lastResult, Instant nextDue, List<String> surveyAnswers);

    void wrappedUp(String contactId, Instant at, String disposition, Double handleSeconds, CallOutcome reclassedAs);

    void recordOutcome(UUID recordId, String disposition, String notes, PromiseToPay promise);
}
