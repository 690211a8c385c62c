package io.switchboard.desktop.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A messaging channel's answer to "may an agent reply to this contact now, and how": the SMS channel
 * (opt-outs) and the social channel (the platforms' customer-service windows and templates) both serve
 * {@code GET /api/contacts/{id}/reply-policy}. Called with the agent's own token, so the channel's
 * tenant checks apply to them. One interface, a client per channel ({@code sms-channel},
 * {@code social-channel} in the configuration).
 */
@Path("/api/contacts")
public interface ChannelPolicyClient {

    @GET
    @Path("{id}/reply-policy")
    JsonNode replyPolicy(@HeaderParam("Authorization") String authorization, @PathParam("id") String contactId);
}
