package io.switchboard.desktop.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.Coaching;
import io.switchboard.desktop.domain.SupervisorNote;

/** A supervisor's private note to the agent holding a conversation they watch; the customer never sees it. */
@Path("/contacts/{id}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"supervisor", "admin"})
@Blocking
public class NotesResource {

    private final SecurityIdentity identity;
    private final Coaching coaching;

    public NotesResource(SecurityIdentity identity, Coaching coaching) {
        this.identity = identity;
        this.coaching = coaching;
    }

    @POST
    public Response note(@PathParam("id") String contactId, Requests.Note body) {
        SupervisorNote note = coaching.note(Viewers.of(identity), contactId, body == null ? null : body.text());
        return Response.status(Response.Status.CREATED).entity(note).build();
    }
}
