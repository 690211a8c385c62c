package io.switchboard.desktop.api;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.Evaluation;
import io.switchboard.desktop.domain.QaPolicy;
import io.switchboard.desktop.domain.QualityMonitoring;
import io.switchboard.desktop.domain.Scorecard;
import io.switchboard.service.api.ProblemException;

/**
 * Quality monitoring: the tenants' evaluation lists and scorecards for supervisors, each queue's
 * sampling policy, scoring a sampled contact, and an agent's own results.
 */
@Path("/qa")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class QualityResource {

    private final SecurityIdentity identity;
    private final QualityMonitoring quality;

    public QualityResource(SecurityIdentity identity, QualityMonitoring quality) {
        this.identity = identity;
        this.quality = quality;
    }

    @GET
    @Path("evaluations")
    public List<Evaluation> list(@QueryParam("status") String status) {
        return quality.list(Viewers.of(identity), status(status));
    }

    @GET
    @Path("evaluations/mine")
    public List<Evaluation> mine() {
        return quality.mine(Viewers.of(identity));
    }

    @GET
    @Path("evaluations/{id}")
    public Evaluation evaluation(@PathParam("id") String id) {
        return quality.evaluation(Viewers.of(identity), uuid(id));
    }

    @POST
    @Path("evaluations/{id}/score")
    public Evaluation score(@PathParam("id") String id, Requests.Score body) {
        if (body == null) {
            throw ProblemException.badRequest("send {scores: {criterionId: score}, comments?, comment?}");
        }
        return quality.score(Viewers.of(identity), uuid(id), body.scores(), body.comments(), body.comment());
    }

    @GET
    @Path("tenants/{tenant}/scorecard")
    public Scorecard scorecard(@PathParam("tenant") String tenant) {
        return quality.scorecard(Viewers.of(identity), tenant);
    }

    @PUT
    @Path("tenants/{tenant}/scorecard")
    public Scorecard setScorecard(@PathParam("tenant") String tenant, Requests.ScorecardBody body) {
        if (body == null) {
            throw ProblemException.badRequest("send {name, criteria: [{id, label, weight, maxScore}]}");
        }
        return quality.setScorecard(Viewers.of(identity), new Scorecard(tenant, body.name(), body.criteria()));
    }

    @GET
    @Path("tenants/{tenant}/queues/{queue}/policy")
    public QaPolicy policy(@PathParam("tenant") String tenant, @PathParam("queue") String queue) {
        return quality.policy(Viewers.of(identity), tenant, queue);
    }

    @PUT
    @Path("tenants/{tenant}/queues/{queue}/policy")
    public QaPolicy setPolicy(@PathParam("tenant") String tenant, @PathParam("queue") String queue, Requests.Policy body) {
        if (body == null || body.share() == null || body.minimumPerAgentPerWeek() == null) {
            throw ProblemException.badRequest("send {share: 0..1, minimumPerAgentPerWeek: 0..100}");
        }
        return quality.setPolicy(Viewers.of(identity), tenant, queue, new QaPolicy(body.share(), body.minimumPerAgentPerWeek()));
    }

    private static Evaluation.Status status(String status) {
        try {
            return status == null ? Evaluation.Status.PENDING : Evaluation.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status is PENDING or DONE, not " + status);
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no evaluation " + id + " for you");
        }
    }
}
