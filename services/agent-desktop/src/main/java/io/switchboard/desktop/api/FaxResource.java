package io.switchboard.desktop.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.config.DesktopConfig;

/**
 * A fax's document and first-page thumbnail, held by the fax channel (docs/fax-channel.md), read with the
 * agent's own token: the fax channel lets the agents routing offered the fax and its tenant's supervisors in.
 */
@Path("/fax/faxes/{id}")
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class FaxResource {

    private final SecurityIdentity identity;
    private final TokenForwarder fax;

    public FaxResource(SecurityIdentity identity, DesktopConfig config) {
        this.identity = identity;
        this.fax = new TokenForwarder("Fax", config.faxChannelUrl());
    }

    @GET
    public Response fax(@PathParam("id") String id) {
        return fax.forward(identity, "GET", path(id, ""), null, "application/json", null, null);
    }

    @GET
    @Path("/document")
    @Produces(MediaType.WILDCARD)
    public Response document(@PathParam("id") String id) {
        return fax.forward(identity, "GET", path(id, "/document"), null, "*/*", null, null);
    }

    @GET
    @Path("/thumbnail")
    @Produces("image/png")
    public Response thumbnail(@PathParam("id") String id) {
        return fax.forward(identity, "GET", path(id, "/thumbnail"), null, "image/png", null, null);
    }

    private static String path(String id, String part) {
        return "/api/fax/faxes/" + TokenForwarder.segment(id) + part;
    }
}
