package io.switchboard.desktop.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A sampled contact on the evaluation list ({@code endedAt}: when the contact ended) and, once scored, its result: each criterion's score and
 * comment, an overall comment, and the weighted total in percent. {@code scorecard} is the one it
 * was scored against, kept with it so a later change of the tenant's scorecard does not rewrite it.
 */
public record Evaluation(UUID evaluationId, String contactId, String tenantId, String queueId, String agentId, String channel,
        QaSampler.Reason reason, Instant endedAt, Status status, String evaluatorId, Scorecard scorecard,
        Map<String, Integer> scores, Map<String, String> comments, String comment, Double totalPercent, Instant completedAt) {

    public enum Status {
        PENDING, DONE
    }

    public Evaluation done(String evaluator, Scorecard card, Map<String, Integer> scored, Map<String, String> commented, String overall,
            double total, Instant at) {
        return new Evaluation(evaluationId, contactId, tenantId, queueId, agentId, channel, reason, endedAt, Status.DONE, evaluator, card,
                scored, commented, overall, total, at);
    }

    public Evaluation {
        scores = scores == null ? Map.of() : Map.copyOf(scores);
        comments = comments == null ? Map.of() : Map.copyOf(comments);
    }
}
