package io.switchboard.desktop.api;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.config.DesktopConfig;
import io.switchboard.service.api.ProblemException;

/**
 * A tenant's outbound campaigns (docs/campaigns.md), kept by the campaign service: supervisors create,
 * load, start, pause and stop them and read their progress and results; agents take preview records and
 * place their calls. Every request goes on with the user's own token, so the campaign service's role and
 * tenant checks decide.
 */
@Path("/campaigns/tenants/{tenant}")
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class CampaignsResource {

    private static final String PREFIX = "/campaigns/tenants/";

    private final SecurityIdentity identity;
    private final TokenForwarder campaigns;

    public CampaignsResource(SecurityIdentity identity, DesktopConfig config) {
        this.identity = identity;
        this.campaigns = new TokenForwarder("Campaigns", config.campaignsUrl());
    }

    @GET
    @Path("{path: .*}")
    @Produces(MediaType.WILDCARD)
    public Response get(@PathParam("tenant") String tenant, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", tenant, uri, headers, null);
    }

    @POST
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response post(@PathParam("tenant") String tenant, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("POST", tenant, uri, headers, body == null ? new byte[0] : body);
    }

    @PUT
    @Path("{path: .*}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response put(@PathParam("tenant") String tenant, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PUT", tenant, uri, headers, body == null ? new byte[0] : body);
    }

    @DELETE
    @Path("{path: .*}")
    @Produces(MediaType.WILDCARD)
    public Response delete(@PathParam("tenant") String tenant, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", tenant, uri, headers, null);
    }

    private Response forward(String method, String tenant, UriInfo uri, HttpHeaders headers, byte[] body) {
        TokenForwarder.tenant(tenant);
        String raw = uri.getRequestUri().getRawPath();
        String below = raw.substring(raw.indexOf(PREFIX));
        String lower = below.toLowerCase(Locale.ROOT);
        if (lower.contains("/../") || lower.endsWith("/..") || lower.contains("%2e") || lower.contains("%2f")) {
            throw ProblemException.badRequest("not a campaign path: " + below);
        }
        MediaType type = headers.getMediaType();
        return campaigns.forward(identity, method, "/api" + below, uri.getRequestUri().getRawQuery(),
                headers.getHeaderString(HttpHeaders.ACCEPT), type == null ? null : type.toString(), body);
    }
}
