package io.switchboard.chat.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.chat.domain.ChatLine;
import io.switchboard.chat.domain.ChatService;
import io.switchboard.chat.domain.NotFoundException;
import io.switchboard.chat.domain.StoreException;

/**
 * A chat's transcript for the inbox: supervisors and admins of the conversation's tenant, and agents it
 * was offered or assigned to. Anyone else gets 404, as if it did not exist.
 */
@Path("/conversations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class TranscriptResource {

    private final ChatService chats;
    private final SecurityIdentity identity;

    public TranscriptResource(ChatService chats, SecurityIdentity identity) {
        this.chats = chats;
        this.identity = identity;
    }

    @GET
    @Path("{contactId}/messages")
    public List<ChatLine> transcript(@PathParam("contactId") String contactId) throws StoreException, NotFoundException {
        return chats.transcriptFor(Readers.of(identity), contactId);
    }
}
