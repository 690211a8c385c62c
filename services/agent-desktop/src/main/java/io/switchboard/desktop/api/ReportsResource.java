package io.switchboard.desktop.api;

import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.service.api.ProblemException;

/**
 * The supervisor's reports page reads the reporting service through the desktop, with the
 * supervisor's own token, so reporting's tenant checks apply to them and the browser needs one origin.
 * The answer (JSON, CSV or XLSX, or reporting's problem) is passed on as it came.
 */
@Path("/reports/tenants/{tenant}/{view}")
@RolesAllowed({"supervisor", "admin"})
@Blocking
public class ReportsResource {

    private static final Set<String> VIEWS = Set.of("queues", "agents", "channels");

    private final SecurityIdentity identity;
    private final ReportingClient reporting;

    public ReportsResource(SecurityIdentity identity, ReportingClient reporting) {
        this.identity = identity;
        this.reporting = reporting;
    }

    @GET
    public Response report(@PathParam("tenant") String tenant, @PathParam("view") String view,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uri) {
        ReportingClient.tenant(tenant);
        if (!VIEWS.contains(view)) {
            throw ProblemException.notFound("no report " + view + "; one of " + VIEWS);
        }
        return reporting.forward(identity, "GET", tenant, view, uri.getRequestUri().getRawQuery(), accept, null);
    }
}
