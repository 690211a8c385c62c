package io.switchboard.desktop.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Quality monitoring's state, the port {@code persistence} implements: policies, scorecards and evaluations. */
public interface QualityStore {

    /** A finished contact someone handled: what sampling needs to know about it. */
    record Handled(String contactId, String tenantId, String queueId, String agentId, String channel, Instant endedAt) {
    }

    /** The contact if it ended after an agent held it. */
    Optional<Handled> handled(String contactId);

    /** Whether the tenant has the queue (from its configuration). */
    boolean queueExists(String tenantId, String queueId);

    QaPolicy policy(String tenantId, String queueId);

    void setPolicy(String tenantId, String queueId, QaPolicy policy);

    /** How many of the agent's contacts are on the list for the week starting {@code weekStart}. */
    int sampledInWeek(String tenantId, String agentId, Instant weekStart, Instant weekEnd);

    /** Adds the contact to the list; false when it is already there (a redelivered event). */
    boolean addToList(Evaluation evaluation);

    Optional<Scorecard> scorecard(String tenantId);

    void setScorecard(Scorecard scorecard);

    Optional<Evaluation> evaluation(UUID evaluationId);

    /** The tenants' evaluations in a status, newest first, at most {@code limit}. */
    List<Evaluation> evaluations(Set<String> tenants, Evaluation.Status status, int limit);

    /** An agent's completed evaluations in the tenants, newest first. */
    List<Evaluation> evaluationsOf(String agentId, Set<String> tenants, int limit);

    /** Records a result on a PENDING evaluation; false when it was already done. */
    boolean complete(Evaluation done);
}
