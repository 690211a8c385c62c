package io.switchboard.desktop.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** customer360's API, called with the agent's own token so its tenant checks apply to them. */
@RegisterRestClient(configKey = "customer360")
@Path("/api/customers")
public interface Customer360Client {

    @GET
    List<JsonNode> byIdentifier(@HeaderParam("Authorization") String authorization, @QueryParam("identifier") String identifier,
            @QueryParam("tenant") String tenant);

    @GET
    @Path("{id}/timeline")
    JsonNode timeline(@HeaderParam("Authorization") String authorization, @PathParam("id") String customerId,
            @QueryParam("limit") int limit);
}
