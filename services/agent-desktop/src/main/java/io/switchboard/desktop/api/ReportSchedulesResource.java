package io.switchboard.desktop.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * A tenant's scheduled reports (daily, weekly, monthly, mailed as PDF or XLSX to its client contacts),
 * kept by the reporting service and edited from the reports page with the supervisor's own token.
 */
@Path("/reports/tenants/{tenant}/schedules")
@RolesAllowed({"supervisor", "admin"})
@Blocking
public class ReportSchedulesResource {

    private final SecurityIdentity identity;
    private final ReportingClient reporting;

    public ReportSchedulesResource(SecurityIdentity identity, ReportingClient reporting) {
        this.identity = identity;
        this.reporting = reporting;
    }

    @GET
    public Response list(@PathParam("tenant") String tenant) {
        return reporting.forward(identity, "GET", tenant, "schedules", null, null, null);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("tenant") String tenant, @PathParam("id") String id, byte[] body) {
        return reporting.forward(identity, "PUT", tenant, "schedules/" + segment(id), null, null, body == null ? new byte[0] : body);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        return reporting.forward(identity, "DELETE", tenant, "schedules/" + segment(id), null, null, null);
    }

    @GET
    @Path("/{id}/deliveries")
    public Response deliveries(@PathParam("tenant") String tenant, @PathParam("id") String id, @Context UriInfo uri) {
        return reporting.forward(identity, "GET", tenant, "schedules/" + segment(id) + "/deliveries",
                uri.getRequestUri().getRawQuery(), null, null);
    }

    private static String segment(String id) {
        return TokenForwarder.segment(id);
    }
}
