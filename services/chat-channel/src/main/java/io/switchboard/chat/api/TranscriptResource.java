package io.switchboard.chat.api;

import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.chat.persistence.ChatLine;
import io.switchboard.chat.persistence.ChatStore;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.security.TenantsClaim;

/** A chat's transcript for the inbox: agents, supervisors and admins of the conversation's tenant only. */
@Path("/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class TranscriptResource {

    private final ChatStore store;
    private final JsonWebToken token;

    public TranscriptResource(ChatStore store, JsonWebToken token) {
        this.store = store;
        this.token = token;
    }

    @GET
    @Path("{contactId}/messages")
    public List<ChatLine> transcript(@PathParam("contactId") String contactId) throws SQLException {
        var tenants = TenantsClaim.read(token.getClaim(TenantsClaim.NAME));
        store.conversation(contactId).filter(c -> tenants.contains(c.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("no chat conversation " + contactId));
        return store.transcript(contactId);
    }
}
