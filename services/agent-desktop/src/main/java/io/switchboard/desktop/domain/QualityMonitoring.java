package io.switchboard.desktop.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Random QA sampling and evaluations. Finished contacts are sampled by their queue's policy onto the
 * tenant's evaluation list; a supervisor of the tenant scores one against the tenant's scorecard
 * (reading its transcript in the inbox); the agent sees their results. Nobody evaluates their own
 * contacts, and another tenant's list, scorecard or result is never shown.
 */
public class QualityMonitoring {

    public static final int MAX_COMMENT_CHARS = 4_000;
    private static final int LIST_LIMIT = 200;

    private final QualityStore store;
    private final Pushes pushes;
    private final Clock clock;

    public QualityMonitoring(QualityStore store, Pushes pushes) {
        this(store, pushes, Clock.systemUTC());
    }

    public QualityMonitoring(QualityStore store, Pushes pushes, Clock clock) {
        this.store = store;
        this.pushes = pushes;
        this.clock = clock;
    }

    /** A contact ended: it joins the evaluation list when its queue's policy draws it. */
    public Optional<Evaluation> contactEnded(String contactId) {
        Optional<QualityStore.Handled> handled = store.handled(contactId);
        if (handled.isEmpty() || handled.get().queueId() == null) {
            return Optional.empty();
        }
        QualityStore.Handled contact = handled.get();
        QaPolicy policy = store.policy(contact.tenantId(), contact.queueId());
        if (policy.share() == 0 && policy.minimumPerAgentPerWeek() == 0) {
            return Optional.empty();
        }
        Instant weekStart = contact.endedAt().atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
        int sampled = store.sampledInWeek(contact.tenantId(), contact.agentId(), weekStart, weekStart.plus(7, ChronoUnit.DAYS));
        return QaSampler.sample(contactId, policy, sampled).map(reason -> new Evaluation(
                UUID.nameUUIDFromBytes(("qa:" + contactId).getBytes(StandardCharsets.UTF_8)), contactId, contact.tenantId(),
                contact.queueId(), contact.agentId(), contact.channel(), reason, contact.endedAt(), Evaluation.Status.PENDING,
                null, null, Map.of(), Map.of(), null, null, null))
                .filter(store::addToList);
    }

    public QaPolicy policy(Viewer viewer, String tenantId, String queueId) {
        tenantsQueue(viewer, tenantId, queueId);
        return store.policy(tenantId, queueId);
    }

    public QaPolicy setPolicy(Viewer viewer, String tenantId, String queueId, QaPolicy policy) {
        tenantsQueue(viewer, tenantId, queueId);
        store.setPolicy(tenantId, queueId, policy);
        return policy;
    }

    public Scorecard scorecard(Viewer viewer, String tenantId) {
        if (!viewer.serves(tenantId)) {
            throw new DesktopException.NotFound("no tenant " + tenantId + " for you");
        }
        return store.scorecard(tenantId).orElseThrow(() -> new DesktopException.NotFound(tenantId + " has no scorecard yet"));
    }

    public Scorecard setScorecard(Viewer viewer, Scorecard scorecard) {
        supervising(viewer, scorecard.tenantId());
        store.setScorecard(scorecard);
        return scorecard;
    }

    /** The evaluation list of the supervisor's tenants. */
    public List<Evaluation> list(Viewer viewer, Evaluation.Status status) {
        if (!viewer.supervisor()) {
            throw new DesktopException.Forbidden("the evaluation list is for supervisors; agents read their own results");
        }
        return store.evaluations(viewer.tenants(), status, LIST_LIMIT);
    }

    /** The caller's own completed evaluations. */
    public List<Evaluation> mine(Viewer viewer) {
        return store.evaluationsOf(viewer.agentId(), viewer.tenants(), LIST_LIMIT);
    }

    /** One evaluation: for supervisors of its tenant, and for its agent once it is done. */
    public Evaluation evaluation(Viewer viewer, UUID evaluationId) {
        return store.evaluation(evaluationId)
                .filter(e -> viewer.serves(e.tenantId()))
                .filter(e -> viewer.supervisor() || (viewer.agentId().equals(e.agentId()) && e.status() == Evaluation.Status.DONE))
                .orElseThrow(() -> new DesktopException.NotFound("no evaluation " + evaluationId + " for you"));
    }

    public Evaluation score(Viewer viewer, UUID evaluationId, Map<String, Integer> scores, Map<String, String> comments,
            String comment) {
        Evaluation evaluation = evaluation(viewer, evaluationId);
        supervising(viewer, evaluation.tenantId());
        if (viewer.agentId().equals(evaluation.agentId())) {
            throw new DesktopException.Forbidden("nobody evaluates their own contacts");
        }
        if (evaluation.status() == Evaluation.Status.DONE) {
            throw new DesktopException.Conflict("evaluation " + evaluationId + " was already scored by " + evaluation.evaluatorId());
        }
        Scorecard card = store.scorecard(evaluation.tenantId())
                .orElseThrow(() -> new DesktopException.Conflict(evaluation.tenantId() + " has no scorecard to score against"));
        Map<String, Integer> given = scores == null ? Map.of() : scores;
        Map<String, String> notes = new HashMap<>();
        for (String id : given.keySet()) {
            if (card.criteria().stream().noneMatch(c -> c.id().equals(id))) {
                throw new DesktopException.Invalid("the scorecard has no criterion " + id);
            }
        }
        for (Scorecard.Criterion criterion : card.criteria()) {
            Integer score = given.get(criterion.id());
            if (score == null || score < 0 || score > criterion.maxScore()) {
                throw new DesktopException.Invalid("criterion " + criterion.id() + " needs a score from 0 to " + criterion.maxScore());
            }
            String note = comments == null ? null : comments.get(criterion.id());
            if (note != null && !note.isBlank()) {
                notes.put(criterion.id(), checkedComment(note));
            }
        }
        String overall = comment == null || comment.isBlank() ? null : checkedComment(comment);
        Evaluation done = evaluation.done(viewer.agentId(), card, given, notes, overall, total(card, given),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (!store.complete(done)) {
            throw new DesktopException.Conflict("evaluation " + evaluationId + " was scored meanwhile");
        }
        pushes.send(new Push(Set.of(done.agentId()), Set.of(done.tenantId()), new DesktopFrames.Evaluated(done)));
        return done;
    }

    /** The weighted total in percent, to one decimal: Σ weight × score ÷ max, over Σ weight. */
    public static double total(Scorecard card, Map<String, Integer> scores) {
        double earned = 0;
        double weights = 0;
        for (Scorecard.Criterion c : card.criteria()) {
            earned += c.weight() * (scores.get(c.id()) / (double) c.maxScore());
            weights += c.weight();
        }
        return Math.round(earned / weights * 1000) / 10.0;
    }

    private static String checkedComment(String text) {
        String trimmed = text.strip();
        if (trimmed.length() > MAX_COMMENT_CHARS) {
            throw new DesktopException.Invalid("a comment has at most " + MAX_COMMENT_CHARS + " characters");
        }
        return trimmed;
    }

    private void tenantsQueue(Viewer viewer, String tenantId, String queueId) {
        supervising(viewer, tenantId);
        if (!store.queueExists(tenantId, queueId)) {
            throw new DesktopException.NotFound(tenantId + " has no queue " + queueId);
        }
    }

    private static void supervising(Viewer viewer, String tenantId) {
        if (!viewer.serves(tenantId)) {
            throw new DesktopException.NotFound("no tenant " + tenantId + " for you");
        }
        if (!viewer.supervisor()) {
            throw new DesktopException.Forbidden("quality settings and scoring are for supervisors");
        }
    }
}
