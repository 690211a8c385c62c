package io.switchboard.desktop.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.config.DesktopConfig;
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
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SecurityIdentity identity;
    private final String reporting;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ReportsResource(SecurityIdentity identity, DesktopConfig config) {
        this.identity = identity;
        this.reporting = config.reportingUrl().replaceAll("/+$", "");
    }

    @GET
    public Response report(@PathParam("tenant") String tenant, @PathParam("view") String view,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uri) {
        if (!TENANT.matcher(tenant).matches()) {
            throw ProblemException.badRequest("not a tenant id: " + tenant);
        }
        if (!VIEWS.contains(view)) {
            throw ProblemException.notFound("no report " + view + "; one of " + VIEWS);
        }
        String query = uri.getRequestUri().getRawQuery();
        URI target = URI.create(reporting + "/api/reports/tenants/" + tenant + "/" + view + (query == null ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + ((JsonWebToken) identity.getPrincipal()).getRawToken())
                .header("Accept", accept == null || accept.isBlank() ? "application/json" : accept)
                .GET().build();
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unavailable) {
            throw new ProblemException(503, "Reporting unavailable", "the reporting service is not answering: " + unavailable.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Reporting unavailable", "interrupted while asking the reporting service");
        }
        Response.ResponseBuilder passed = Response.status(answer.statusCode()).entity(answer.body());
        for (String header : new String[] {"Content-Type", "Content-Disposition"}) {
            answer.headers().firstValue(header).ifPresent(value -> passed.header(header, value));
        }
        return passed.build();
    }
}
