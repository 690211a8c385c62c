package io.switchboard.desktop.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.AgentActions;
import io.switchboard.desktop.domain.PendingWrapUp;
import io.switchboard.desktop.domain.WrapUp;
import io.switchboard.desktop.domain.WrapUps;
import io.switchboard.events.QueueConfigured.CannedResponse;

/** After-contact work: the wrap-ups the agent owes, completing one, and the canned responses of a contact's queue. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class WrapUpResource {

    private final SecurityIdentity identity;
    private final WrapUps wrapUps;
    private final AgentActions actions;

    public WrapUpResource(SecurityIdentity identity, WrapUps wrapUps, AgentActions actions) {
        this.identity = identity;
        this.wrapUps = wrapUps;
        this.actions = actions;
    }

    @GET
    @Path("wrapups")
    public List<PendingWrapUp> due() {
        return wrapUps.due(Viewers.of(identity));
    }

    /** 202 with the wrap-up once {@code agent.wrapup.completed} is on Kafka. */
    @POST
    @Path("contacts/{id}/wrapup")
    public Response complete(@PathParam("id") String contactId, Requests.WrapUpDone body) {
        WrapUp done = wrapUps.complete(Viewers.of(identity), contactId, body == null ? null : body.dispositionCode(),
                body == null ? null : body.notes());
        return Response.accepted(done).build();
    }

    @GET
    @Path("contacts/{id}/canned-responses")
    public List<CannedResponse> cannedResponses(@PathParam("id") String contactId) {
        return wrapUps.cannedResponses(actions.visible(Viewers.of(identity), contactId));
    }
}
